"""寄递 (delivery by courier) and, later, pickup: the services of the delivery domain."""
