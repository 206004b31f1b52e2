const { loadPage } = require('./helpers/page');
const { caseSummary } = require('./fixtures');

// 45 cases, newest first, served 20 a page like the backend.
const ALL = Array.from({ length: 45 }, (_, i) => caseSummary(45 - i));
ALL[0] = { ...ALL[0], status: 'supplement', status_label: '待补正材料', flag: null };
ALL[1] = { ...ALL[1], flag: 'red' };
ALL[2] = { ...ALL[2], flag: 'yellow' };

function servePages() {
  reply('GET', '/api/v1/applications', ({ query }) => {
    const page = Number(query.page);
    const size = Number(query.page_size);
    return { status: 200, body: { items: ALL.slice((page - 1) * size, page * size), total: ALL.length, page, page_size: size } };
  });
}

const rows = (page) => page.querySelectorAll('.case');
const numbers = (page) => rows(page).map((r) => r.dom.dataset.no);

describe('cases page', () => {
  let page;
  beforeEach(async () => {
    storage.set('token', 'tok-1');
    servePages();
    page = loadPage('cases');
    await page.instance.onShow();
    await settle();
  });

  test('lists the first page with status, due date and due flags', () => {
    expect(requestsTo('GET', '/api/v1/applications').map((r) => r.query)).toEqual([{ page: '1', page_size: '20' }]);
    expect(rows(page)).toHaveLength(20);
    expect(numbers(page)[0]).toBe('330100-20261125-000045');
    const first = rows(page)[0].dom.textContent;
    expect(first).toContain('户口迁入');
    expect(first).toContain('待补正材料');
    expect(first).toContain('受理编号：330100-20261125-000045');
    expect(first).toContain('市公安局 · 2026-11-25 14:03 提交');
    expect(first).toContain('办结时限 2026-12-02');
    const flags = rows(page).map((r) => (r.dom.querySelector('van-tag') || {}).textContent || null);
    expect(flags.slice(0, 4)).toEqual([null, '已超期', '即将到期', null]);
    expect(page.querySelector('#no-more')).toBeFalsy();
  });

  test('reaching the bottom loads the next pages until all are shown', async () => {
    await page.instance.onReachBottom();
    await settle();
    expect(rows(page)).toHaveLength(40);
    await page.instance.onReachBottom();
    await settle();
    expect(rows(page)).toHaveLength(45);
    expect(numbers(page)[44]).toBe('330100-20261125-000001');
    expect(page.querySelector('#no-more').dom.textContent).toBe('没有更多了');

    await page.instance.onReachBottom();
    await settle();
    expect(requestsTo('GET', '/api/v1/applications').map((r) => r.query.page)).toEqual(['1', '2', '3']);
  });

  test('a second reach-bottom while a page is loading does not ask twice', async () => {
    page.instance.onReachBottom();
    page.instance.onReachBottom();
    await settle();
    expect(requestsTo('GET', '/api/v1/applications').map((r) => r.query.page)).toEqual(['1', '2']);
    expect(rows(page)).toHaveLength(40);
  });

  test('pull-down refresh reloads the first page and stops the spinner', async () => {
    await page.instance.onReachBottom();
    await settle();
    ALL[0] = { ...ALL[0], status: 'accepted', status_label: '已受理' };

    await page.instance.onPullDownRefresh();

    expect(requestsTo('GET', '/api/v1/applications').map((r) => r.query.page)).toEqual(['1', '2', '1']);
    expect(rows(page)).toHaveLength(20);
    expect(rows(page)[0].dom.textContent).toContain('已受理');
    expect(wx.stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });

  test('tapping a case opens it', async () => {
    rows(page)[1].dispatchEvent('tap');
    await settle();
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/case/case?no=330100-20261125-000044' });
  });

  test('扫码查进度 opens the tracking page of a scanned receipt', async () => {
    wx.scanCode.mockImplementationOnce((options) => options.success({
      result: 'https://zhangban.example.gov.cn/t/Tk_abcdefghijklmnopqrstuvwxyz012', scanType: 'QR_CODE',
    }));
    page.querySelector('#scan').instance.triggerEvent('click');
    await settle();
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/track/track?token=Tk_abcdefghijklmnopqrstuvwxyz012' });
  });
});

test('cases page: signed out shows the login prompt and asks nothing', async () => {
  const page = loadPage('cases');
  await page.instance.onShow();
  await settle();
  expect(page.querySelector('#need-login')).toBeTruthy();
  expect(requestsTo('GET', '/api/v1/applications')).toHaveLength(0);
  expect(page.querySelector('#scan')).toBeTruthy(); // tracking needs no login
});

test('cases page: no cases yet says so', async () => {
  storage.set('token', 'tok-1');
  reply('GET', '/api/v1/applications', { items: [], total: 0, page: 1, page_size: 20 });
  const page = loadPage('cases');
  await page.instance.onShow();
  await settle();
  expect(page.dom.textContent).toContain('暂无办件');
  expect(page.querySelector('#no-more')).toBeFalsy();
});
