// Global `wx` stub for every test (jest setupFilesAfterEnv).
//
// wx.request answers from per-test fixtures keyed by "METHOD /path" (query string excluded);
// every request is recorded with its parsed query so tests can assert what was asked.
// wx.uploadFile answers from the "POST /path" fixture (the body is handed over as a JSON string, as
// WeChat does; the recorded data is {filePath, name}); wx.downloadFile from the "GET /path" fixture,
// whose body is the temp file path it answers.
// A request without a fixture fails the test in afterEach. Storage is an in-memory map.
// The pickers (chooseMedia, chooseMessageFile, showActionSheet) answer one fixed file / the first
// entry; tests override them with mockImplementationOnce. wx.scanCode is cancelled unless a test says
// otherwise, and wx.requestFacialVerify is absent, as in DevTools. wx.requestPayment succeeds (the payer pays)
// and wx.openDocument opens the file unless a test says otherwise.
// miniprogram-simulate later merges its own wx API into this object; ours take precedence.
const state = {
  fixtures: new Map(),
  requests: [],
  unmatched: [],
  inFlight: 0,
  storage: new Map(),
};

function parseUrl(url) {
  const [base, search = ''] = url.split('?');
  const path = base.replace(/^https?:\/\/[^/]+/, '');
  const query = {};
  search.split('&').filter(Boolean).forEach((pair) => {
    const [key, value = ''] = pair.split('=');
    query[decodeURIComponent(key)] = decodeURIComponent(value);
  });
  return { path, query };
}

// A stubbed transfer: records it, answers from its fixture on the next tick.
function transfer(method, options, extra, answer) {
  const { path, query } = parseUrl(options.url);
  const key = `${method} ${path}`;
  state.requests.push({ method, path, query, url: options.url, header: options.header || {}, ...extra });
  const fixture = state.fixtures.get(key);
  state.inFlight += 1;
  setTimeout(() => {
    state.inFlight -= 1;
    if (!fixture) {
      state.unmatched.push(key);
      options.fail && options.fail({ errMsg: `${method}:fail no fixture for ${key}` });
      return;
    }
    const { status, body } = typeof fixture === 'function' ? fixture({ method, path, query, data: extra.data }) : fixture;
    options.success && options.success(answer(status, body));
  }, 0);
}

// An asynchronous wx answer on the next tick, counted as in flight so settle() waits for it.
function later(fn) {
  state.inFlight += 1;
  setTimeout(() => {
    state.inFlight -= 1;
    fn();
  }, 0);
}

global.wx = {
  request: jest.fn((options) => {
    const method = (options.method || 'GET').toUpperCase();
    transfer(method, options, { data: options.data }, (status, body) => ({ statusCode: status, data: body, header: {} }));
  }),
  uploadFile: jest.fn((options) => {
    const data = { filePath: options.filePath, name: options.name };
    transfer('POST', options, { data }, (status, body) => ({ statusCode: status, data: JSON.stringify(body) }));
  }),
  downloadFile: jest.fn((options) => {
    transfer('GET', options, { data: undefined }, (status, body) => ({ statusCode: status, tempFilePath: body }));
  }),
  login: jest.fn((options) => setTimeout(() => options.success({ code: 'real-wx-code' }), 0)),
  getStorageSync: jest.fn((key) => (state.storage.has(key) ? state.storage.get(key) : '')),
  setStorageSync: jest.fn((key, value) => state.storage.set(key, value)),
  removeStorageSync: jest.fn((key) => state.storage.delete(key)),
  showToast: jest.fn(),
  navigateTo: jest.fn(),
  redirectTo: jest.fn(),
  navigateBack: jest.fn(),
  switchTab: jest.fn(),
  setNavigationBarTitle: jest.fn(),
  stopPullDownRefresh: jest.fn(),
  previewImage: jest.fn(),
  showActionSheet: jest.fn((options) => later(() => options.success({ tapIndex: 0 }))),
  chooseMedia: jest.fn((options) => later(() => options.success({
    type: 'image', tempFiles: [{ tempFilePath: 'wxfile://tmp/photo-1.jpg', size: 204800, fileType: 'image' }],
  }))),
  chooseMessageFile: jest.fn((options) => later(() => options.success({
    tempFiles: [{ path: 'wxfile://tmp/msg-1.pdf', name: '申请表.pdf', size: 102400, type: 'file' }],
  }))),
  scanCode: jest.fn((options) => later(() => options.fail({ errMsg: 'scanCode:fail cancel' }))),
  requestPayment: jest.fn((options) => later(() => options.success({ errMsg: 'requestPayment:ok' }))),
  openDocument: jest.fn((options) => later(() => options.success({ errMsg: 'openDocument:ok' }))),
  setClipboardData: jest.fn((options) => later(() => options.success && options.success({ errMsg: 'setClipboardData:ok' }))),
  // Absent unless a test provides it (miniprogram-simulate's own would answer nothing): pages then ask for no
  // subscribe-message consent and fetch no templates (tests/messages.test.js covers asking).
  requestSubscribeMessage: undefined,
};

// The page stack (utils/level.js reads the top page's route): empty unless a test sets pages.
global.getCurrentPages = jest.fn(() => []);

// Test API -----------------------------------------------------------------------------------

// reply('GET', '/api/v1/home', body) or reply('PUT', path, 422, errorBody) or reply(method, path, fn)
// where fn({method, path, query, data}) returns {status, body}.
global.reply = (method, path, statusOrBody, maybeBody) => {
  let fixture;
  if (typeof statusOrBody === 'function') fixture = statusOrBody;
  else if (typeof statusOrBody === 'number') fixture = { status: statusOrBody, body: maybeBody };
  else fixture = { status: 200, body: statusOrBody };
  state.fixtures.set(`${method} ${path}`, fixture);
};

global.requestsTo = (method, path) => state.requests.filter((r) => r.method === method && r.path === path);

global.storage = state.storage;

// Wait until no stubbed request is in flight and the promise chains behind them have run.
global.settle = async () => {
  for (let idle = 0; idle < 3;) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    idle = state.inFlight === 0 ? idle + 1 : 0;
  }
};

beforeEach(() => {
  state.fixtures.clear();
  state.requests.length = 0;
  state.unmatched.length = 0;
  state.storage.clear();
  jest.clearAllMocks();
});

afterEach(() => {
  expect(state.unmatched).toEqual([]);
});
