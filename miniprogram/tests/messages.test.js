const { loadPage } = require('./helpers/page');
const config = require('../config');
const payments = require('../api/payments');
const notifications = require('../api/notifications');
const { payables, created, order, paidOrder } = require('./fixtures');

const texts = (page, selector) => page.querySelectorAll(selector).map((n) => n.dom.textContent);

const inbox = {
  items: [
    { id: 12, kind: 'application.supplement_requested', title: '请补正材料', body: '您的办件 330402-20261125-000001 需要补正：身份证复印件',
      link: 'pages/case/case?no=330402-20261125-000001', created_local: '2026-11-25 14:03', read: false },
    { id: 11, kind: 'payment.paid', title: '缴费成功', body: '户口迁入 28.50元已缴纳', link: null,
      created_local: '2026-11-25 10:00', read: true },
  ],
  total: 2, unread: 1, page: 1, page_size: 20,
};

const MOMENTS = {
  moments: { submit: ['ZBTPL-case-status', 'ZBTPL-supplement'], pay: ['ZBTPL-payment'], book: ['ZBTPL-appointment'] },
  templates: [],
};

describe('messages page (消息中心)', () => {
  let page;
  beforeEach(async () => {
    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/me/notifications', inbox);
    page = loadPage('messages');
    await page.instance.onShow();
    await settle();
  });

  test('lists my messages newest first, unread marked, with the unread count', () => {
    expect(requestsTo('GET', '/api/v1/me/notifications')[0].header.Authorization).toBe('Bearer tok-1');
    expect(requestsTo('GET', '/api/v1/me/notifications')[0].query).toMatchObject({ page: '1', page_size: '20' });
    expect(texts(page, '.message-title')).toEqual(['请补正材料', '缴费成功']);
    expect(texts(page, '.message-time')).toEqual(['2026-11-25 14:03', '2026-11-25 10:00']);
    expect(page.querySelectorAll('.message.unread')).toHaveLength(1);
    expect(page.querySelector('#unread-count').dom.textContent).toBe('1 条未读');
  });

  test('tapping an unread message marks it read and opens its case', async () => {
    reply('POST', '/api/v1/me/notifications/12/read', { marked: 1 });
    page.querySelectorAll('.message')[0].dispatchEvent('tap');
    await settle();
    expect(requestsTo('POST', '/api/v1/me/notifications/12/read')).toHaveLength(1);
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/case/case?no=330402-20261125-000001' });
    expect(page.querySelectorAll('.message.unread')).toHaveLength(0);
    expect(page.querySelector('#unread-count').dom.textContent).toBe('没有未读消息');

    page.querySelectorAll('.message')[1].dispatchEvent('tap'); // read already, no link: nothing happens
    await settle();
    expect(requestsTo('POST', '/api/v1/me/notifications/11/read')).toHaveLength(0);
    expect(wx.navigateTo).toHaveBeenCalledTimes(1);
  });

  test('全部已读 marks them all', async () => {
    reply('POST', '/api/v1/me/notifications/read', { marked: 1 });
    page.querySelector('#read-all').dispatchEvent('tap');
    await settle();
    expect(requestsTo('POST', '/api/v1/me/notifications/read')).toHaveLength(1);
    expect(page.querySelectorAll('.message.unread')).toHaveLength(0);
    expect(page.querySelector('#read-all')).toBeFalsy();
  });
});

test('messages page: signed out asks to sign in, without calling the server', async () => {
  const page = loadPage('messages');
  await page.instance.onShow();
  expect(page.querySelector('#need-login')).toBeTruthy();
  expect(requestsTo('GET', '/api/v1/me/notifications')).toHaveLength(0);
});

describe('subscribe-message consent', () => {
  beforeEach(() => {
    storage.set('token', 'tok-1');
    notifications.reset();
  });
  afterEach(() => {
    delete wx.requestSubscribeMessage;
  });

  test('without wx.requestSubscribeMessage nothing is fetched or asked', async () => {
    await notifications.prepare();
    expect(await notifications.ask('submit')).toBeNull();
    expect(requestsTo('GET', '/api/v1/me/subscriptions')).toHaveLength(0);
  });

  test('asks for the moment\'s templates and reports what was chosen', async () => {
    wx.requestSubscribeMessage = jest.fn((o) => setTimeout(() => o.success({
      errMsg: 'requestSubscribeMessage:ok', 'ZBTPL-case-status': 'accept', 'ZBTPL-supplement': 'reject',
    }), 0));
    reply('GET', '/api/v1/me/subscriptions', MOMENTS);
    reply('POST', '/api/v1/me/subscriptions', { moments: MOMENTS.moments, templates: [] });
    await notifications.prepare();
    await notifications.prepare(); // fetched once
    const results = await notifications.ask('submit');
    expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(['ZBTPL-case-status', 'ZBTPL-supplement']);
    expect(results).toEqual({ 'ZBTPL-case-status': 'accept', 'ZBTPL-supplement': 'reject' });
    expect(requestsTo('GET', '/api/v1/me/subscriptions')).toHaveLength(1);
    expect(requestsTo('POST', '/api/v1/me/subscriptions')[0].data).toEqual(results);
  });

  test('a refused dialog reports nothing and never fails the caller', async () => {
    wx.requestSubscribeMessage = jest.fn((o) => setTimeout(() => o.fail({ errMsg: 'requestSubscribeMessage:fail' }), 0));
    reply('GET', '/api/v1/me/subscriptions', MOMENTS);
    await notifications.prepare();
    expect(await notifications.ask('pay')).toBeNull();
    expect(requestsTo('POST', '/api/v1/me/subscriptions')).toHaveLength(0);
  });

  test('the pay page asks for the payment template from the pay tap, then pays', async () => {
    const { intervalMs } = payments.poll;
    payments.poll.intervalMs = 0;
    config.sandbox = false;
    wx.requestSubscribeMessage = jest.fn((o) => setTimeout(() => o.success({ 'ZBTPL-payment': 'accept' }), 0));
    reply('GET', '/api/v1/me/subscriptions', MOMENTS);
    reply('POST', '/api/v1/me/subscriptions', { moments: MOMENTS.moments, templates: [] });
    reply('GET', '/api/v1/payables', payables);
    reply('POST', '/api/v1/payments', 201, created);
    let asked = 0;
    reply('GET', '/api/v1/payments/41', () => {
      asked += 1;
      return { status: 200, body: asked < 2 ? order() : paidOrder };
    });
    try {
      const page = loadPage('pay');
      page.instance.onLoad({ payable: '7' });
      await settle();
      page.querySelector('#pay').instance.triggerEvent('click');
      for (let i = 0; i < 6; i += 1) await settle();
      expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(['ZBTPL-payment']);
      expect(requestsTo('POST', '/api/v1/me/subscriptions')[0].data).toEqual({ 'ZBTPL-payment': 'accept' });
      expect(wx.requestPayment).toHaveBeenCalledTimes(1);
      expect(page.querySelector('#result-title').dom.textContent).toBe('支付成功');
    } finally {
      payments.poll.intervalMs = intervalMs;
      config.sandbox = true;
    }
  });
});
