// The one HTTP client of the mini-program: promisified wx.request against config.apiBase,
// bearer-token auth, and uniform error handling.
const config = require('../config');
const level = require('../utils/level');

const TOKEN_KEY = 'token';
const OPENID_KEY = 'sandbox_openid';
const NETWORK_ERROR = { status: 0, code: 'network_error', message: '网络连接失败，请稍后重试', field: null };

// Every failed call rejects with an ApiError carrying the server's error body.
// A level error (identity_level_required / identity_taken) also carries the level the route needs and the
// caller's own (utils/level.js walks the user up).
class ApiError extends Error {
  constructor({ status, code, message, field, requiredLevel, currentLevel }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field || null;
    this.requiredLevel = requiredLevel || null;
    this.currentLevel = currentLevel || null;
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

function authHeader() {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function errorFrom(statusCode, body) {
  const error = (body && body.error) || {};
  return new ApiError({
    status: statusCode,
    code: error.code || `http_${statusCode}`,
    message: error.message || `请求失败（${statusCode}）`,
    field: error.field,
    requiredLevel: error.required_level,
    currentLevel: error.current_level,
  });
}

// A rejection shows its message as a toast unless the caller is `silent`, and is passed on. A level error
// instead takes the user up to the level needed and back (utils/level.js), unless the caller says `levelUp: false`.
function toastUnless(silent, levelUp = true) {
  return (err) => {
    if (!(levelUp && level.walkUp(err)) && !silent) toastError(err);
    throw err;
  };
}

// The answer of a wx transfer (request, uploadFile, downloadFile): 2xx resolves `value`, anything else
// rejects with the ApiError of `body`; a 401 also forgets the stored token.
function settleAnswer(statusCode, body, value, resolve, reject) {
  if (statusCode >= 200 && statusCode < 300) {
    resolve(value);
    return;
  }
  if (statusCode === 401) clearToken();
  reject(errorFrom(statusCode, body));
}

/**
 * request({method, path, query, data, header, silent, levelUp}) → Promise of the JSON body.
 * `header` adds request headers (e.g. Idempotency-Key) to the JSON content type and the bearer token.
 * A non-2xx answer rejects with an ApiError and shows its message as a toast unless `silent`;
 * a 401 also forgets the stored token; a level error starts the walk up the real-name levels unless
 * `levelUp` is false.
 */
function request({ method = 'GET', path, query, data, header, silent = false, levelUp = true }) {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.apiBase}${path}${queryString(query)}`,
      method,
      data,
      header: { 'Content-Type': 'application/json', ...authHeader(), ...(header || {}) },
      success(res) {
        settleAnswer(res.statusCode, res.data, res.data, resolve, reject);
      },
      fail() {
        reject(new ApiError(NETWORK_ERROR));
      },
    });
  }).catch(toastUnless(silent, levelUp));
}

/**
 * upload({path, filePath, name, silent}) → Promise of the JSON body: wx.uploadFile as multipart field
 * `name`, with the bearer token and the same error handling as request().
 */
function upload({ path, filePath, name = 'file', silent = false }) {
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${config.apiBase}${path}`,
      filePath,
      name,
      header: authHeader(),
      success(res) {
        let body = res.data; // wx.uploadFile answers the body as a string
        if (typeof body === 'string') {
          try {
            body = JSON.parse(body);
          } catch (err) {
            body = null;
          }
        }
        if (res.statusCode >= 200 && res.statusCode < 300 && !(body && typeof body === 'object')) {
          reject(new ApiError({ status: res.statusCode, code: 'bad_response', message: '上传失败，请重试' }));
          return;
        }
        settleAnswer(res.statusCode, body, body, resolve, reject);
      },
      fail() {
        reject(new ApiError(NETWORK_ERROR));
      },
    });
  }).catch(toastUnless(silent));
}

/**
 * download({path, query, silent}) → Promise of a local temp file path: wx.downloadFile with the bearer
 * token (for images behind login, e.g. a case's QR code). Errors as in request(), without the server's
 * message (WeChat writes an error body to a file too).
 */
function download({ path, query, silent = false }) {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url: `${config.apiBase}${path}${queryString(query)}`,
      header: authHeader(),
      success(res) {
        settleAnswer(res.statusCode, null, res.tempFilePath, resolve, reject);
      },
      fail() {
        reject(new ApiError(NETWORK_ERROR));
      },
    });
  }).catch(toastUnless(silent));
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

module.exports = {
  ApiError, request, upload, download, getToken, setToken, clearToken, toastError, loginCode,
};
