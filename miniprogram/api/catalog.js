// The service catalog: home, search, 办事指南 and 一件事.
const { request } = require('./client');

function home() {
  return request({ path: '/api/v1/home' });
}

function departments() {
  return request({ path: '/api/v1/departments' });
}

// filters = {q, department, channel, page, page_size}; empty filters are left out.
function searchServices(filters) {
  return request({ path: '/api/v1/services', query: filters });
}

// answers = {situationKey: optionValue}; omitted → the server applies each situation's default.
function guide(code, answers) {
  const query = answers && Object.keys(answers).length ? { answers: JSON.stringify(answers) } : undefined;
  return request({ path: `/api/v1/services/${encodeURIComponent(code)}`, query });
}

function bundles() {
  return request({ path: '/api/v1/bundles' });
}

function bundle(code) {
  return request({ path: `/api/v1/bundles/${encodeURIComponent(code)}` });
}

module.exports = { home, departments, searchServices, guide, bundles, bundle };
