// The one HTTP client of the mini-program: promisified wx.request against config.apiBase,
// bearer-token auth, and uniform error handling.
const config = require('../config');

const TOKEN_KEY = 'token';
const OPENID_KEY = 'sandbox_openid';
const NETWORK_ERROR = { status: 0, code: 'network_error', message: '网络连接失败，请稍后重试', field: null };

// Every failed call rejects with an ApiError carrying the server's error body.
class ApiError extends Error {
  constructor({ status, code, message, field }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field || null;
  }
}

function getToken() {
  return wx.getStorageSync(TOKEN_KEY) || '';
}

function setToken(token) {
  wx.setStorageSync(TOKEN_KEY, token);
}

function clearToken() {
  wx.removeStorageSync(TOKEN_KEY);
}

function toastError(err) {
  wx.showToast({ title: err.message, icon: 'none' });
}

function queryString(query) {
  const parts = Object.keys(query || {})
    .filter((key) => query[key] !== undefined && query[key] !== null && query[key] !== '')
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(query[key])}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function errorFrom(statusCode, body) {
  const error = (body && body.error) || {};
  return new ApiError({
    status: statusCode,
    code: error.code || `http_${statusCode}`,
    message: error.message || `请求失败（${statusCode}）`,
    field: error.field,
  });
}

/**
 * request({method, path, query, data, silent}) → Promise of the JSON body.
 * A non-2xx answer rejects with an ApiError and shows its message as a toast unless `silent`;
 * a 401 also forgets the stored token.
 */
function request({ method = 'GET', path, query, data, silent = false }) {
  const header = { 'Content-Type': 'application/json' };
  const token = getToken();
  if (token) header.Authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.apiBase}${path}${queryString(query)}`,
      method,
      data,
      header,
      success(res) {
        if (res.statusCode >= 200 && res.statusCode < 300) {
          resolve(res.data);
          return;
        }
        if (res.statusCode === 401) clearToken();
        reject(errorFrom(res.statusCode, res.data));
      },
      fail() {
        reject(new ApiError(NETWORK_ERROR));
      },
    });
  }).catch((err) => {
    if (!silent) toastError(err);
    throw err;
  });
}

function wxLoginCode() {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (res) => resolve(res.code),
      fail: () => reject(new ApiError({ ...NETWORK_ERROR, code: 'wx_login_failed', message: '微信登录失败，请重试' })),
    });
  });
}

// A one-time login code for POST /api/v1/auth/wechat. In the sandbox it is minted by the backend
// for the openid this phone used before, so the same phone stays the same user.
async function loginCode() {
  if (!config.sandbox) return wxLoginCode();
  const openid = wx.getStorageSync(OPENID_KEY);
  const minted = await request({ method: 'POST', path: '/sandbox/wechat/codes', data: openid ? { openid } : {} });
  wx.setStorageSync(OPENID_KEY, minted.openid);
  return minted.code;
}

module.exports = { ApiError, request, getToken, setToken, clearToken, toastError, loginCode };
