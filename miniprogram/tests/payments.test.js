const { loadPage } = require('./helpers/page');
const { orders } = require('./fixtures');

const texts = (page, selector) => page.querySelectorAll(selector).map((n) => n.dom.textContent);

describe('payments page (缴费记录)', () => {
  let page;
  beforeEach(async () => {
    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/payments', orders);
    page = loadPage('payments');
    await page.instance.onShow();
    await settle();
  });

  test('lists my orders with amount and status; only the paid one offers its receipt', () => {
    expect(requestsTo('GET', '/api/v1/payments')[0].header.Authorization).toBe('Bearer tok-1');
    expect(texts(page, '.order-description')).toEqual([
      '交通违法罚款：机动车违反规定停放（2026-11-01）', '户口迁入（330100-20261125-000123）', '户口迁入（330100-20261125-000123）',
    ]);
    expect(texts(page, '.order-amount')).toEqual(['¥200.00', '¥28.50', '¥28.50']);
    expect(texts(page, '.order-status')).toEqual(['待支付', '已支付', '已关闭']);
    const rows = texts(page, '.order');
    expect(rows[1]).toContain('2026-11-27 10:00 支付');
    expect(rows[1]).toContain('查看电子票据');
    expect(rows[2]).not.toContain('查看电子票据');
    expect(rows[0]).toContain('继续支付');
  });

  test('a paid order links to its receipt, a pending one to paying it, a closed one nowhere', async () => {
    const rows = page.querySelectorAll('.order');
    rows[1].dispatchEvent('tap');
    await settle();
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/receipt/receipt?order=41' });

    rows[0].dispatchEvent('tap');
    await settle();
    expect(wx.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/pay/pay?payable=9' });

    rows[2].dispatchEvent('tap');
    await settle();
    expect(wx.navigateTo).toHaveBeenCalledTimes(2);
  });
});

test('payments page: no orders yet', async () => {
  storage.set('token', 'tok-1');
  reply('GET', '/api/v1/payments', { items: [] });
  const page = loadPage('payments');
  await page.instance.onShow();
  expect(page.querySelector('#no-orders').dom.textContent).toBe('暂无缴费记录');
});
