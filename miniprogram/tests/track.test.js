const { loadPage } = require('./helpers/page');
const { trackView } = require('./fixtures');

const TOKEN = 'Tk_abcdefghijklmnopqrstuvwxyz012';
const texts = (page, selector) => page.querySelectorAll(selector).map((n) => n.dom.textContent);

async function open(query) {
  const page = loadPage('track');
  page.instance.onLoad(query);
  await settle();
  return page;
}

describe('track page', () => {
  test('renders the public progress of ?token= without login', async () => {
    reply('GET', `/api/v1/track/${TOKEN}`, trackView);
    const page = await open({ token: TOKEN });

    const [asked] = requestsTo('GET', `/api/v1/track/${TOKEN}`);
    expect(asked.header.Authorization).toBeUndefined();
    expect(page.dom.textContent).toContain('户口迁入');
    expect(page.querySelector('#status').dom.textContent).toBe('审查中');
    expect(page.querySelector('#flag').dom.textContent).toBe('已超期');
    expect(page.querySelector('#acceptance-no').data.value).toBe('330100-20261125-000123');
    expect(page.querySelector('#due').data.value).toBe('2026-12-02');
    expect(page.dom.textContent).toContain('张*三');

    const steps = texts(page, '.step');
    expect(steps).toHaveLength(2);
    expect(steps[0]).toContain('窗口受理');
    expect(steps[0]).toContain('已通过');
    expect(steps[0]).toContain('市公安局 · 2026-11-25 15:00');
    expect(steps[1]).toContain('办理中');
    // Newest first; an event without a status shows its note.
    expect(texts(page, '.event-title')).toEqual(['户籍审核 开始办理', '已受理', '已提交，待受理']);
    expect(page.querySelector('#invalid')).toBeFalsy();
  });

  test('a 小程序码 carries the token URL-encoded in scene', async () => {
    const token = 'Tk-with~odd_chars0123456789abcd';
    reply('GET', `/api/v1/track/${token}`, trackView);
    await open({ scene: encodeURIComponent(token) });
    expect(requestsTo('GET', `/api/v1/track/${token}`)).toHaveLength(1);
  });

  test('an unknown or revoked code shows 查询码无效或已失效 without a toast', async () => {
    reply('GET', '/api/v1/track/revoked-token-0000', 404, {
      error: { code: 'track_not_found', message: '没有找到该进度查询码', field: null },
    });
    const page = await open({ token: 'revoked-token-0000' });

    expect(page.querySelector('#invalid').dom.textContent).toBe('查询码无效或已失效');
    expect(page.querySelector('#status')).toBeFalsy();
    expect(wx.showToast).not.toHaveBeenCalled();
  });

  test('no token at all is invalid too, and nothing is asked', async () => {
    const page = await open({});
    expect(page.querySelector('#invalid').dom.textContent).toBe('查询码无效或已失效');
    expect(wx.request).not.toHaveBeenCalled();
  });

  test('other errors toast and keep the page; pull-down refresh retries', async () => {
    reply('GET', `/api/v1/track/${TOKEN}`, 429, { error: { code: 'too_many_requests', message: '查询太频繁，请30秒后再试', field: null } });
    const page = await open({ token: TOKEN });
    expect(wx.showToast).toHaveBeenCalledWith({ title: '查询太频繁，请30秒后再试', icon: 'none' });
    expect(page.querySelector('#invalid')).toBeFalsy();

    reply('GET', `/api/v1/track/${TOKEN}`, trackView);
    await page.instance.onPullDownRefresh();
    expect(page.querySelector('#status').dom.textContent).toBe('审查中');
    expect(wx.stopPullDownRefresh).toHaveBeenCalled();
  });
});
