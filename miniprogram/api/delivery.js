// 寄递: my address book (收货地址; phone and street come back masked), a case's delivery choice (领取方式)
// and its parcels (运单 with route events).
const { request } = require('./client');

// {items: [address]}, the default first.
function addresses({ silent = false } = {}) {
  return request({ path: '/api/v1/me/addresses', silent });
}

// {recipient, phone, province, city, district, detail, is_default} → the address (masked). 409 too_many_addresses.
function addAddress(body, { silent = false } = {}) {
  return request({ method: 'POST', path: '/api/v1/me/addresses', data: body, silent });
}

function removeAddress(id, { silent = false } = {}) {
  return request({ method: 'DELETE', path: `/api/v1/me/addresses/${encodeURIComponent(id)}`, silent });
}

// {method: electronic | window | courier | locker, address_id} → the choice; 409 delivery_choice_closed after 出证.
function choose(acceptanceNo, method, addressId, { silent = false } = {}) {
  return request({
    method: 'PUT', path: `/api/v1/applications/${encodeURIComponent(acceptanceNo)}/delivery`,
    data: { method, address_id: addressId || null }, silent,
  });
}

// A case's choice: {method, method_label, address (masked) | null}.
function choice(acceptanceNo, { silent = false } = {}) {
  return request({ path: `/api/v1/applications/${encodeURIComponent(acceptanceNo)}/delivery`, silent });
}

// {items: [{waybill_no, status_label, recipient (masked), routes: [{stage_label, at, address, remark}]}]}
function parcels(acceptanceNo, { silent = false } = {}) {
  return request({ path: `/api/v1/applications/${encodeURIComponent(acceptanceNo)}/waybills`, silent });
}

module.exports = { addresses, addAddress, removeAddress, choose, choice, parcels };
