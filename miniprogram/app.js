// 掌办 mini-program entry. State lives in storage (token, sandbox openid) via api/client.js,
// so pages need no globalData.
App({});
