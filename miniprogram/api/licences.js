// 电子证照 (卡包): the licences issued to me, one licence's detail and signed PDF, and 亮证 — a short-lived signed
// QR code a verifier scans (GET /verify/licences/<token>). All need real-name level 3 (403
// identity_level_required: the client walks the user to the face page).
const { request, download } = require('./client');

// {items: [{id, number, type: {code, name, kind}, issuer, issued_at, valid_from, valid_until, status, status_label}]}
function mine({ silent = false } = {}) {
  return request({ path: '/api/v1/me/licences', silent });
}

// One licence: the summary plus fields (personal values masked), status_history, data_signature, pdf_ready.
function get(id, { silent = false } = {}) {
  return request({ path: `/api/v1/me/licences/${encodeURIComponent(id)}`, silent });
}

// The signed PDF (PDF/A-2b, the issuing department's seal), downloaded with the login token → a temp file path.
function pdf(id, { silent = false } = {}) {
  return download({ path: `/api/v1/me/licences/${encodeURIComponent(id)}/pdf`, silent });
}

// 亮证: {token, url, expires_at, ttl, qr (a PNG data URI of url)}.
function present(id, { silent = false } = {}) {
  return request({ method: 'POST', path: `/api/v1/me/licences/${encodeURIComponent(id)}/presentations`, silent });
}

module.exports = { mine, get, pdf, present };
