// 智能咨询: a conversation with the assistant (and, after 转人工, a staff agent), its messages live on a WebSocket.
const config = require('../config');
const { request, getToken } = require('./client');

// A new conversation → {session, messages (the greeting)}.
function start({ silent = false } = {}) {
  return request({ method: 'POST', path: '/api/v1/chat/sessions', silent });
}

// The conversation and its transcript → {session, messages}.
function show(id, { silent = false } = {}) {
  return request({ path: `/api/v1/chat/sessions/${id}`, silent });
}

// Send {text} → {message, replies, session}. 422 for an empty or too long text, 429 when too frequent.
function send(id, text, { silent = false } = {}) {
  return request({ method: 'POST', path: `/api/v1/chat/sessions/${id}/messages`, data: { text }, silent });
}

function close(id, { silent = false } = {}) {
  return request({ method: 'POST', path: `/api/v1/chat/sessions/${id}/close`, silent });
}

// The WebSocket of a conversation: every new message (the assistant's, the agent's) as JSON.
function connect(id, afterId) {
  if (typeof wx.connectSocket !== 'function') return null;
  const base = config.apiBase.replace(/^http/, 'ws');
  return wx.connectSocket({
    url: `${base}/ws/chat/${id}${afterId ? `?after=${afterId}` : ''}`,
    header: { Authorization: `Bearer ${getToken()}` },
  });
}

module.exports = { start, show, send, close, connect };
