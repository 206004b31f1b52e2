"""Who is who: sign-in, real-name identity, face verification, the personal-data audit, the staff directory."""
