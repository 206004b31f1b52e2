// Global `wx` stub for every test (jest setupFilesAfterEnv).
//
// wx.request answers from per-test fixtures keyed by "METHOD /path" (query string excluded);
// every request is recorded with its parsed query so tests can assert what was asked.
// A request without a fixture fails the test in afterEach. Storage is an in-memory map.
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

global.wx = {
  request: jest.fn((options) => {
    const method = (options.method || 'GET').toUpperCase();
    const { path, query } = parseUrl(options.url);
    const key = `${method} ${path}`;
    state.requests.push({ method, path, query, url: options.url, data: options.data, header: options.header || {} });
    const fixture = state.fixtures.get(key);
    state.inFlight += 1;
    setTimeout(() => {
      state.inFlight -= 1;
      if (!fixture) {
        state.unmatched.push(key);
        options.fail && options.fail({ errMsg: `request:fail no fixture for ${key}` });
        return;
      }
      const { status, body } = typeof fixture === 'function' ? fixture({ method, path, query, data: options.data }) : fixture;
      options.success && options.success({ statusCode: status, data: body, header: {} });
    }, 0);
  }),
  login: jest.fn((options) => setTimeout(() => options.success({ code: 'real-wx-code' }), 0)),
  getStorageSync: jest.fn((key) => (state.storage.has(key) ? state.storage.get(key) : '')),
  setStorageSync: jest.fn((key, value) => state.storage.set(key, value)),
  removeStorageSync: jest.fn((key) => state.storage.delete(key)),
  showToast: jest.fn(),
  navigateTo: jest.fn(),
};

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
