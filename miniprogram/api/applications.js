// Applications (办件): what applying takes, applying, my cases, one case, 补正 and the tracking QR code.
const { request, download } = require('./client');

// subject = {service: code} or {bundle: code}; answers = {situationKey: optionValue} (the service page's).
function preview(subject, answers) {
  return request({
    path: '/api/v1/applications/preview',
    query: { service: subject.service, bundle: subject.bundle, answers: JSON.stringify(answers || {}) },
  });
}

// body = {service | bundle, form, answers, materials: [{name, upload_id}], consent}. The Idempotency-Key
// makes a repeated submission (a double tap, a retry after a lost answer) the same application:
// 201 with the new case, 200 with the case the key already made.
function submit(body, idempotencyKey, { silent = false } = {}) {
  return request({
    method: 'POST',
    path: '/api/v1/applications',
    data: body,
    header: { 'Idempotency-Key': idempotencyKey },
    silent,
  });
}

// My cases, newest first: {items, total, page, page_size}.
function mine(page = 1, pageSize = 20) {
  return request({ path: '/api/v1/applications', query: { page, page_size: pageSize } });
}

function detail(acceptanceNo) {
  return request({ path: `/api/v1/applications/${encodeURIComponent(acceptanceNo)}` });
}

// 补正: materials = [{name, upload_id}] → the updated case.
function resubmit(acceptanceNo, materials, note, { silent = false } = {}) {
  return request({
    method: 'POST',
    path: `/api/v1/applications/${encodeURIComponent(acceptanceNo)}/resubmit`,
    data: { materials, note: note || null },
    silent,
  });
}

// The tracking QR code as a PNG, downloaded with the login token → a temp file path for <image>.
function qrImage(acceptanceNo, { silent = true } = {}) {
  return download({ path: `/api/v1/applications/${encodeURIComponent(acceptanceNo)}/qr`, query: { format: 'png' }, silent });
}

// Public progress (跟踪办) of a tracking token, no login needed.
function track(token, { silent = false } = {}) {
  return request({ path: `/api/v1/track/${encodeURIComponent(token)}`, silent });
}

// A key for one page load of the apply form: 1–64 characters, unique enough per user.
function newIdempotencyKey() {
  const random = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `mp-${Date.now().toString(36)}-${random()}${random()}`;
}

module.exports = { preview, submit, mine, detail, resubmit, qrImage, track, newIdempotencyKey };
