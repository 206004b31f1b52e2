const { loadPage } = require('./helpers/page');
const config = require('../config');
const payments = require('../api/payments');
const {
  payables, caseFee, created, requestPayment, order, paidOrder, orders,
} = require('./fixtures');

const ORDER = '/api/v1/payments/41';
const SANDBOX_PAY = `/sandbox/wechatpay/orders/${created.order.out_trade_no}/pay`;

const texts = (page, selector) => page.querySelectorAll(selector).map((n) => n.dom.textContent);
const tap = (page, selector) => page.querySelector(selector).instance.triggerEvent('click');
const resultTitle = (page) => page.querySelector('#result-title').dom.textContent;

// The poll loop sleeps between requests, so settle a few times.
async function settleAll() {
  for (let i = 0; i < 6; i += 1) await settle();
}

// GET /api/v1/payments/41 answers `pendingTimes` pending orders, then `final`.
function serveOrder(pendingTimes, final) {
  let asked = 0;
  reply('GET', ORDER, () => {
    asked += 1;
    return { status: 200, body: asked <= pendingTimes ? order() : final };
  });
}

async function open(id = '7') {
  const page = loadPage('pay');
  page.instance.onLoad({ payable: id });
  await settle();
  return page;
}

describe('pay page', () => {
  const { intervalMs } = payments.poll;
  beforeEach(() => {
    storage.set('token', 'tok-1');
    payments.poll.intervalMs = 0;
    reply('GET', '/api/v1/payables', payables);
    reply('POST', '/api/v1/payments', 201, created);
  });
  afterEach(() => {
    payments.poll.intervalMs = intervalMs;
    config.sandbox = true;
  });

  test('shows the order details: amount, 执收单位, reference and the items table', async () => {
    const page = await open();

    expect(page.querySelector('#amount').dom.textContent).toBe('¥28.50');
    expect(page.querySelector('#description').dom.textContent).toBe('户口迁入（330100-20261125-000123）');
    expect(page.querySelector('#department').data.value).toBe('市公安局');
    expect(page.querySelector('#ref').data).toMatchObject({ title: '受理编号', value: '330100-20261125-000123' });
    expect(texts(page, '.item-name')).toEqual(['户口簿工本费', '身份证工本费']);
    expect(texts(page, '.item-amount')).toEqual(['¥8.50', '¥20.00']);
    expect(page.querySelector('#items-total').dom.textContent).toBe('¥28.50');
    expect(page.querySelector('#pay').dom.textContent).toBe('立即支付 ¥28.50');
    expect(page.querySelector('#result')).toBeFalsy();
  });

  test('an unknown payable says so', async () => {
    const page = await open('999');
    expect(page.querySelector('#missing').dom.textContent).toBe('没有找到该待缴款项');
    expect(page.querySelector('#pay')).toBeFalsy();
  });

  test('outside the sandbox: creates the order, calls wx.requestPayment with exactly the server parameters, polls until paid', async () => {
    config.sandbox = false;
    serveOrder(2, paidOrder);
    const page = await open();

    tap(page, '#pay');
    await settleAll();

    const [post] = requestsTo('POST', '/api/v1/payments');
    expect(post.data).toEqual({ payable: 7 });
    expect(post.header.Authorization).toBe('Bearer tok-1');
    expect(wx.requestPayment).toHaveBeenCalledTimes(1);
    const { success, fail, ...params } = wx.requestPayment.mock.calls[0][0];
    expect(params).toEqual(requestPayment);
    expect(typeof success).toBe('function');
    expect(typeof fail).toBe('function');
    expect(requestsTo('POST', SANDBOX_PAY)).toHaveLength(0);

    expect(requestsTo('GET', ORDER)).toHaveLength(3); // pending, pending, paid
    expect(resultTitle(page)).toBe('支付成功');
    expect(page.querySelector('#result-note').dom.textContent).toBe('¥28.50 已缴纳');
    expect(page.querySelector('#payable-status').dom.textContent).toBe('已缴纳');
    expect(page.querySelector('#pay')).toBeFalsy();
    expect(page.querySelector('#checking')).toBeFalsy();

    tap(page, '#open-receipt');
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/receipt/receipt?order=41' });
  });

  test('sandbox: the stand-in pays with the request_payment object instead of wx.requestPayment', async () => {
    config.sandbox = true;
    reply('POST', SANDBOX_PAY, { out_trade_no: created.order.out_trade_no, trade_state: 'SUCCESS', transaction_id: paidOrder.transaction_id });
    serveOrder(1, paidOrder);
    const page = await open();

    tap(page, '#pay');
    await settleAll();

    expect(wx.requestPayment).not.toHaveBeenCalled();
    const [stand] = requestsTo('POST', SANDBOX_PAY);
    expect(stand.data).toEqual(requestPayment);
    expect(requestsTo('GET', ORDER)).toHaveLength(2);
    expect(resultTitle(page)).toBe('支付成功');
    expect(page.querySelector('#open-receipt')).toBeTruthy();
  });

  test('the payer cancels: 已取消支付, no polling, 立即支付 stays available', async () => {
    config.sandbox = false;
    wx.requestPayment.mockImplementationOnce((options) => setTimeout(() => options.fail({ errMsg: 'requestPayment:fail cancel' }), 0));
    const page = await open();

    tap(page, '#pay');
    await settleAll();

    expect(resultTitle(page)).toBe('已取消支付');
    expect(requestsTo('GET', ORDER)).toHaveLength(0);
    expect(page.querySelector('#pay')).toBeTruthy();
    expect(page.querySelector('#open-receipt')).toBeFalsy();
    expect(page.instance.data.paying).toBe(false);
  });

  test('a failed payment shows 支付失败', async () => {
    config.sandbox = false;
    serveOrder(1, order({ status: 'failed' }));
    const page = await open();

    tap(page, '#pay');
    await settleAll();

    expect(resultTitle(page)).toBe('支付失败');
    expect(page.querySelector('#open-receipt')).toBeFalsy();
  });

  test('still pending after 10 polls 1.5 s apart: 支付未完成', async () => {
    payments.poll.intervalMs = intervalMs;
    expect(payments.poll).toEqual({ attempts: 10, intervalMs: 1500 });
    const realSetTimeout = global.setTimeout;
    const timer = jest.spyOn(global, 'setTimeout').mockImplementation((fn, ms, ...args) => realSetTimeout(fn, 0, ...args));
    try {
      config.sandbox = false;
      serveOrder(Infinity, null);
      const page = await open();

      tap(page, '#pay');
      for (let i = 0; i < 30 && !page.querySelector('#result'); i += 1) await settle();

      expect(requestsTo('GET', ORDER)).toHaveLength(10);
      expect(timer.mock.calls.filter(([, ms]) => ms === 1500)).toHaveLength(9);
      expect(resultTitle(page)).toBe('支付未完成');
      expect(page.querySelector('#open-payments')).toBeTruthy();
    } finally {
      timer.mockRestore();
    }
  });

  test('409 already_paid: 该款项已缴纳, the payable is refreshed and its receipt offered', async () => {
    reply('POST', '/api/v1/payments', 409, { error: { code: 'already_paid', message: '该款项已缴纳', field: null } });
    const page = await open();
    reply('GET', '/api/v1/payables', { items: [{ ...caseFee, status: 'paid', paid_at: '2026-11-27T02:00:30+00:00' }] });
    reply('GET', '/api/v1/payments', orders);

    tap(page, '#pay');
    await settleAll();

    expect(wx.showToast).toHaveBeenCalledWith({ title: '该款项已缴纳', icon: 'none' });
    expect(wx.showToast).toHaveBeenCalledTimes(1);
    expect(requestsTo('GET', '/api/v1/payables')).toHaveLength(2);
    expect(wx.requestPayment).not.toHaveBeenCalled();
    expect(page.querySelector('#already-paid').dom.textContent).toBe('该款项已缴纳');
    expect(page.querySelector('#payable-status').dom.textContent).toBe('已缴纳');
    expect(page.querySelector('#paid-at').data.value).toBe('2026-11-27 10:00');
    expect(page.querySelector('#pay')).toBeFalsy();
    tap(page, '#open-receipt');
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/receipt/receipt?order=41' });
  });

  test('a second tap while paying is ignored: one POST, one wx.requestPayment', async () => {
    config.sandbox = false;
    serveOrder(0, paidOrder);
    let cashier = null; // the cashier stays open until the test pays
    wx.requestPayment.mockImplementationOnce((options) => { cashier = options; });
    const page = await open();

    tap(page, '#pay');
    tap(page, '#pay'); // before the POST answered
    await settle();
    expect(cashier).not.toBeNull();
    expect(page.querySelector('#pay').data.loading).toBe(true);
    tap(page, '#pay'); // while the cashier is open
    await settle();
    cashier.success({ errMsg: 'requestPayment:ok' });
    await settleAll();

    expect(requestsTo('POST', '/api/v1/payments')).toHaveLength(1);
    expect(wx.requestPayment).toHaveBeenCalledTimes(1);
    expect(requestsTo('GET', ORDER)).toHaveLength(1);
    expect(resultTitle(page)).toBe('支付成功');
  });
});
