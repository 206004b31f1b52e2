// 精准预约: halls, slots with remaining places, booking, my appointments (check-in QR, queue ticket), cancel.
const { request } = require('./client');

// Every hall: {items: [{id, name, address, hours, windows, services: [{code, name}]}]}.
function halls({ silent = false } = {}) {
  return request({ path: '/api/v1/halls', silent });
}

// A day's slots of a service at a hall: {date, dates: [bookable days], slots: [{id, label, remaining}]}.
function slots(hallId, service, date, { silent = false } = {}) {
  const query = date ? { service, date } : { service };
  return request({ path: `/api/v1/halls/${hallId}/slots`, query, silent });
}

// Book → the appointment (code, qr). 409 slot_full / already_booked / too_many_appointments, 403 suspended.
function book(hall, service, slot, { silent = false } = {}) {
  return request({ method: 'POST', path: '/api/v1/appointments', data: { hall, service, slot }, silent });
}

function mine({ silent = false } = {}) {
  return request({ path: '/api/v1/appointments', silent });
}

function cancel(id, { silent = false } = {}) {
  return request({ method: 'DELETE', path: `/api/v1/appointments/${id}`, silent });
}

module.exports = { halls, slots, book, mine, cancel };
