// 刷脸核身 (WeChat 城市服务人脸核身): open a session, hand its verify_id to wx.requestFacialVerify, then ask
// the backend for the result. In the sandbox the phone's part is played by the backend's stand-in:
// POST /sandbox/wechat/face/<verify_id>/complete.
const config = require('../config');
const { request, ApiError } = require('./client');

// The result can lag the phone by a moment (409 face_pending): ask again this often.
const retry = { attempts: 3, delayMs: 1500 };

function startSession({ silent = false } = {}) {
  return request({ method: 'POST', path: '/api/v1/face/sessions', silent });
}

function result(verifyId, { silent = false } = {}) {
  return request({ method: 'POST', path: `/api/v1/face/sessions/${encodeURIComponent(verifyId)}/result`, silent });
}

function sandboxComplete(verifyId, verifyRet = 10000, { silent = false } = {}) {
  return request({
    method: 'POST', path: `/sandbox/wechat/face/${encodeURIComponent(verifyId)}/complete`, data: { verify_ret: verifyRet }, silent,
  });
}

const faceError = (code, message) => new ApiError({ status: 0, code, message });

// The person's scan on the phone; rejects when it was cancelled or cannot run.
function scan(verifyId, { silent = false } = {}) {
  if (config.sandbox) return sandboxComplete(verifyId, 10000, { silent });
  if (typeof wx.requestFacialVerify !== 'function') {
    return Promise.reject(faceError('face_unsupported', '当前微信版本不支持刷脸核身，请升级微信后重试'));
  }
  return new Promise((resolve, reject) => {
    wx.requestFacialVerify({
      verifyId,
      success: resolve,
      fail: () => reject(faceError('face_cancelled', '刷脸未完成')),
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function resultWhenReady(verifyId, options) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await result(verifyId, options);
    } catch (err) {
      if (err.code !== 'face_pending' || attempt >= retry.attempts) throw err;
      await sleep(retry.delayMs);
    }
  }
}

// The whole check → {passed, verify_ret, face_verified_at}. Errors are ApiErrors (toasted unless silent).
async function verify(options = {}) {
  const session = await startSession(options);
  await scan(session.verify_id, options);
  return resultWhenReady(session.verify_id, options);
}

module.exports = { startSession, result, sandboxComplete, scan, verify, retry };
