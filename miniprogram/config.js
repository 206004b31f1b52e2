// Runtime configuration of the mini-program.
module.exports = {
  // Base URL of the 掌办 backend. DevTools must have "不校验合法域名" on for a local address.
  apiBase: 'http://127.0.0.1:8000',
  // In the sandbox the backend cannot verify a real wx.login code, so login codes
  // come from POST /sandbox/wechat/codes instead (see api/client.js loginCode).
  sandbox: true,
};
