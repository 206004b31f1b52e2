const { loadPage } = require('./helpers/page');
const { payables } = require('./fixtures');

const texts = (page, selector) => page.querySelectorAll(selector).map((n) => n.dom.textContent);

async function open() {
  const page = loadPage('payables');
  await page.instance.onShow();
  await settle();
  return page;
}

describe('payables page (我的待缴)', () => {
  beforeEach(() => {
    storage.set('token', 'tok-1');
  });

  test('lists unpaid first with amount, description, 执收单位 and status; totals what is unpaid', async () => {
    reply('GET', '/api/v1/payables', payables);
    const page = await open();

    expect(requestsTo('GET', '/api/v1/payables')[0].header.Authorization).toBe('Bearer tok-1');
    expect(texts(page, '.payable-description')).toEqual([
      '户口迁入（330100-20261125-000123）',
      '交通违法罚款：机动车违反规定停放（2026-11-01）',
      '交通违法罚款：违反禁令标志指示（2026-10-02）',
    ]);
    expect(texts(page, '.payable-amount')).toEqual(['¥28.50', '¥200.00', '¥100.00']);
    expect(texts(page, '.payable-status')).toEqual(['待缴纳', '待缴纳', '已缴纳']);
    expect(texts(page, '.payable-department')).toEqual([
      '执收单位：市公安局', '执收单位：市公安局交通警察支队', '执收单位：市公安局交通警察支队',
    ]);
    const rows = texts(page, '.payable');
    expect(rows[0]).toContain('办事费用');
    expect(rows[2]).toContain('2026-10-05 10:00 缴纳');
    expect(page.querySelector('#summary').dom.textContent).toContain('待缴 2 笔');
    expect(page.querySelector('#unpaid-total').dom.textContent).toBe('¥228.50');
  });

  test('tapping an unpaid payable opens the pay page; a paid one does nothing', async () => {
    reply('GET', '/api/v1/payables', payables);
    const page = await open();
    const rows = page.querySelectorAll('.payable');

    rows[1].dispatchEvent('tap');
    await settle();
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/pay/pay?payable=9' });

    rows[2].dispatchEvent('tap');
    await settle();
    expect(wx.navigateTo).toHaveBeenCalledTimes(1);

    page.querySelector('#open-payments').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/payments/payments' });
  });

  test('shown again (back from paying): the list is reloaded', async () => {
    reply('GET', '/api/v1/payables', payables);
    const page = await open();
    reply('GET', '/api/v1/payables', { items: payables.items.map((p) => ({ ...p, status: 'paid' })) });
    await page.instance.onShow();

    expect(requestsTo('GET', '/api/v1/payables')).toHaveLength(2);
    expect(texts(page, '.payable-status')).toEqual(['已缴纳', '已缴纳', '已缴纳']);
    expect(page.querySelector('#all-paid').dom.textContent).toBe('暂无待缴费用');
  });

  test('403 identity_required asks for 实名认证 instead of a toast', async () => {
    reply('GET', '/api/v1/payables', 403, { error: { code: 'identity_required', message: '请先完成实名认证', field: null } });
    const page = await open();

    expect(page.querySelector('#need-identity')).toBeTruthy();
    expect(page.querySelectorAll('.payable')).toHaveLength(0);
    expect(wx.showToast).not.toHaveBeenCalled();
    page.querySelector('#go-identity').instance.triggerEvent('click');
    expect(wx.switchTab).toHaveBeenCalledWith({ url: '/pages/me/me' });
  });

  test('signed out: asks to log in without a request', async () => {
    storage.delete('token');
    const page = await open();
    expect(page.querySelector('#need-login')).toBeTruthy();
    expect(requestsTo('GET', '/api/v1/payables')).toHaveLength(0);
  });
});
