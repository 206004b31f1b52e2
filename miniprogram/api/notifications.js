// 消息: my inbox (GET /api/v1/me/notifications, mark read) and subscribe-message consent.
//
// WeChat only shows the consent dialog (wx.requestSubscribeMessage) from a tap, so a page prepares the
// template ids when it loads (prepare) and asks inside the tap handler before its own request (ask): after
// submitting (case status, 补正), booking (appointment reminders) and paying. What the person chose is
// reported to POST /api/v1/me/subscriptions, where each "accept" allows one message of that template. Where
// the API is missing (DevTools, tests without it) nothing is asked or sent.
const { request } = require('./client');

const cache = { moments: null, loading: null };

function available() {
  return typeof wx.requestSubscribeMessage === 'function';
}

function subscriptions({ silent = true } = {}) {
  return request({ path: '/api/v1/me/subscriptions', silent });
}

function report(results, { silent = true } = {}) {
  return request({ method: 'POST', path: '/api/v1/me/subscriptions', data: results, silent });
}

// Fetch the template ids per moment once (quietly: consent is a bonus, never an obstacle).
function prepare() {
  if (!available()) return Promise.resolve(null);
  if (cache.moments) return Promise.resolve(cache.moments);
  if (!cache.loading) {
    cache.loading = subscriptions()
      .then((answer) => {
        cache.moments = answer.moments || {};
        return cache.moments;
      })
      .catch(() => null)
      .finally(() => {
        cache.loading = null;
      });
  }
  return cache.loading;
}

// Ask for the templates of `moment` (submit | book | pay | complain) and report the answer → the results, or
// null when nothing was asked. Never rejects.
function ask(moment) {
  const tmplIds = (cache.moments && cache.moments[moment]) || [];
  if (!available() || !tmplIds.length) return Promise.resolve(null);
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds,
      success: (res) => {
        const results = {};
        tmplIds.forEach((id) => {
          if (res && res[id]) results[id] = res[id];
        });
        if (!Object.keys(results).length) {
          resolve(null);
          return;
        }
        report(results).then(() => resolve(results), () => resolve(null));
      },
      fail: () => resolve(null),
    });
  });
}

function inbox({ page = 1, unread = false, silent = false } = {}) {
  const query = `page=${page}&page_size=20${unread ? '&unread=1' : ''}`;
  return request({ path: `/api/v1/me/notifications?${query}`, silent });
}

function markRead(id, { silent = true } = {}) {
  return request({ method: 'POST', path: `/api/v1/me/notifications/${encodeURIComponent(id)}/read`, data: {}, silent });
}

function markAllRead({ silent = false } = {}) {
  return request({ method: 'POST', path: '/api/v1/me/notifications/read', data: {}, silent });
}

function reset() {
  cache.moments = null;
  cache.loading = null;
}

module.exports = { available, subscriptions, report, prepare, ask, inbox, markRead, markAllRead, reset };
