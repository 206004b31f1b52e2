// Login and the signed-in user (我的).
const { request, setToken, clearToken, getToken, loginCode } = require('./client');

async function login() {
  const code = await loginCode();
  const session = await request({ method: 'POST', path: '/api/v1/auth/wechat', data: { code } });
  setToken(session.token);
  return session.user;
}

function logout() {
  clearToken();
}

function isLoggedIn() {
  return Boolean(getToken());
}

// The signed-in user, with identity: {level: 0..3, taken, ...} (utils/level.js).
function me({ silent = false } = {}) {
  return request({ path: '/api/v1/me', silent });
}

// identity = {name, id_number, phone}. Callers pass {silent: true} to show field errors themselves.
function updateIdentity(identity, { silent = false } = {}) {
  return request({ method: 'PUT', path: '/api/v1/me/identity', data: identity, silent });
}

module.exports = { login, logout, isLoggedIn, me, updateIdentity };
