const { loadPage } = require('./helpers/page');
const notifications = require('../api/notifications');

const texts = (page, selector) => page.querySelectorAll(selector).map((n) => n.dom.textContent.trim());

const HALLS = {
  items: [
    { id: 1, name: '南湖区行政服务中心', address: '广益路1319号', services: [
      { code: 'GA0002', name: '居民身份证换领' }, { code: 'GJJ005', name: '住房公积金缴存证明出具' }] },
    { id: 2, name: '新嘉街道便民服务中心', address: '中环南路2088号', services: [] },
  ],
};
const SLOTS = {
  date: '2026-11-30',
  dates: ['2026-11-30', '2026-12-01'],
  slots: [
    { id: 11, label: '09:00-09:30', capacity: 3, remaining: 2 },
    { id: 12, label: '09:30-10:00', capacity: 3, remaining: 0 },
  ],
};

function appointment(overrides) {
  return {
    id: 7, code: 'AB23CD45', status: 'booked', hall: { id: 1, name: '南湖区行政服务中心', address: '广益路1319号' },
    service: { code: 'GA0002', name: '居民身份证换领' }, when: '2026-11-30 09:00-09:30',
    qr: 'data:image/svg+xml;base64,PHN2Zy8+', ticket: null, ...overrides,
  };
}

describe('booking page (hall → service → date → slot)', () => {
  let page;
  beforeEach(async () => {
    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/halls', HALLS);
    reply('GET', '/api/v1/halls/1/slots', SLOTS);
    page = loadPage('book');
    await page.instance.onLoad();
    await settle();
  });

  async function choose() {
    page.querySelectorAll('.hall')[0].dispatchEvent('tap');
    await settle();
    page.querySelectorAll('.service')[0].dispatchEvent('tap');
    await settle();
  }

  test('walks hall, service, date and shows remaining places', async () => {
    expect(texts(page, '.hall-name')).toEqual(['南湖区行政服务中心', '新嘉街道便民服务中心']);
    await choose();
    expect(texts(page, '.service')).toEqual(['居民身份证换领', '住房公积金缴存证明出具']);
    expect(requestsTo('GET', '/api/v1/halls/1/slots')[0].query).toEqual({ service: 'GA0002' });
    expect(texts(page, '.date')).toEqual(['2026-11-30', '2026-12-01']);
    expect(texts(page, '.slot-remaining')).toEqual(['余 2', '已约满']);
    page.querySelectorAll('.date')[1].dispatchEvent('tap');
    await settle();
    expect(requestsTo('GET', '/api/v1/halls/1/slots')[1].query).toEqual({ service: 'GA0002', date: '2026-12-01' });
  });

  test('books a slot and goes to my appointments; a full one is not booked', async () => {
    reply('POST', '/api/v1/appointments', 201, appointment());
    await choose();
    page.querySelectorAll('.slot')[1].dispatchEvent('tap'); // 已约满
    await settle();
    expect(requestsTo('POST', '/api/v1/appointments')).toHaveLength(0);
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    await settle();
    expect(requestsTo('POST', '/api/v1/appointments')[0].data).toEqual({ hall: 1, service: 'GA0002', slot: 11 });
    expect(wx.redirectTo).toHaveBeenCalledWith({ url: '/pages/appointments/appointments' });
  });

  test('a slot taken meanwhile: the 409 message is shown and the slots are read again', async () => {
    reply('POST', '/api/v1/appointments', 409,
      { error: { code: 'slot_full', message: '该时段已约满，请选择其他时段', field: null } });
    await choose();
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    await settle();
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该时段已约满，请选择其他时段' }));
    expect(wx.redirectTo).not.toHaveBeenCalled();
    expect(requestsTo('GET', '/api/v1/halls/1/slots')).toHaveLength(2);
  });
});

describe('booking page opened from a card (?service=, ?hall=&date=)', () => {
  beforeEach(() => {
    storage.set('token', 'tok-1');
    notifications.reset();
    reply('GET', '/api/v1/halls', HALLS);
    reply('GET', '/api/v1/halls/1/slots', SLOTS);
  });
  afterEach(() => {
    delete wx.requestSubscribeMessage;
  });

  test('?service= chooses the service at the first hall offering it and lists its slots', async () => {
    const page = loadPage('book');
    await page.instance.onLoad({ service: 'GJJ005' });
    await settle();
    expect(page.querySelector('.hall.selected .hall-name').dom.textContent).toBe('南湖区行政服务中心');
    expect(texts(page, '.service.selected')).toEqual(['住房公积金缴存证明出具']);
    expect(requestsTo('GET', '/api/v1/halls/1/slots')[0].query).toEqual({ service: 'GJJ005' });
    expect(texts(page, '.slot-label')).toEqual(['09:00-09:30', '09:30-10:00']);
  });

  test('?hall=&date= (a slot card) opens that hall and day', async () => {
    const page = loadPage('book');
    await page.instance.onLoad({ service: 'GA0002', hall: '1', date: '2026-12-01' });
    await settle();
    expect(requestsTo('GET', '/api/v1/halls/1/slots')[0].query).toEqual({ service: 'GA0002', date: '2026-12-01' });
  });

  test('a service no hall offers leaves the choice to the citizen', async () => {
    const page = loadPage('book');
    await page.instance.onLoad({ service: 'GA0010' });
    await settle();
    expect(page.querySelector('.hall.selected')).toBeFalsy();
    expect(requestsTo('GET', '/api/v1/halls/1/slots')).toHaveLength(0);
  });

  test('the slot tap asks for the appointment reminder template, then books', async () => {
    wx.requestSubscribeMessage = jest.fn((o) => setTimeout(() => o.success({ 'ZBTPL-appointment': 'accept' }), 0));
    reply('GET', '/api/v1/me/subscriptions', { moments: { book: ['ZBTPL-appointment'] }, templates: [] });
    reply('POST', '/api/v1/me/subscriptions', { moments: {}, templates: [] });
    reply('POST', '/api/v1/appointments', 201, appointment());
    const page = loadPage('book');
    await page.instance.onLoad({ service: 'GA0002' });
    await settle();
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    for (let i = 0; i < 4; i += 1) await settle();
    expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(['ZBTPL-appointment']);
    expect(requestsTo('POST', '/api/v1/me/subscriptions')[0].data).toEqual({ 'ZBTPL-appointment': 'accept' });
    expect(requestsTo('POST', '/api/v1/appointments')[0].data).toEqual({ hall: 1, service: 'GA0002', slot: 11 });
    expect(wx.redirectTo).toHaveBeenCalledWith({ url: '/pages/appointments/appointments' });
  });
});

test('booking page asks to sign in first', async () => {
  const page = loadPage('book');
  await page.instance.onLoad();
  expect(page.querySelector('#need-login')).toBeTruthy();
});

describe('my appointments page', () => {
  test('shows the check-in QR of a booked one and the queue ticket of a checked-in one', async () => {
    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/appointments', { items: [
      appointment(),
      appointment({ id: 8, status: 'checked_in', qr: undefined,
        ticket: { number: 'A012', status: 'waiting', ahead: 3, ahead_text: '前面还有 3 人', window: null } }),
    ] });
    const page = loadPage('appointments');
    await page.instance.onShow();
    await settle();
    expect(texts(page, '.status')).toEqual(['待签到', '已签到']);
    expect(page.querySelectorAll('.qr')).toHaveLength(1);
    expect(texts(page, '.code')).toEqual(['预约码 AB23CD45']);
    expect(texts(page, '.ticket-number')).toEqual(['A012']);
    expect(texts(page, '.ahead')).toEqual(['前面还有 3 人']);
    expect(page.querySelectorAll('.cancel')).toHaveLength(1);
  });

  test('a finished window visit shows the rating component for its ticket', async () => {
    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/appointments', { items: [
      appointment({ id: 9, status: 'checked_in', qr: undefined, rateable: true,
        rating_target: { target_type: 'queue_ticket', target_id: '31' },
        ticket: { id: 31, number: 'A003', status: 'finished', ahead: 0, ahead_text: null, window: '1号窗口' } }),
      appointment({ id: 8, status: 'checked_in', qr: undefined, rateable: false,
        rating_target: { target_type: 'queue_ticket', target_id: '30' },
        ticket: { id: 30, number: 'A002', status: 'waiting', ahead: 1, ahead_text: '前面还有 1 人', window: null } }),
    ] });
    const page = loadPage('appointments');
    await page.instance.onShow();
    await settle();
    expect(page.querySelectorAll('.visit-rating')).toHaveLength(1);
    const rating = page.querySelector('#rating-9');
    expect(rating.instance.data.targetType).toBe('queue_ticket');
    expect(rating.instance.data.targetId).toBe('31');
    expect(page.querySelector('#rating-8')).toBeFalsy();
  });

  test('cancelling asks for a second tap, then reloads', async () => {
    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/appointments', { items: [appointment()] });
    reply('DELETE', '/api/v1/appointments/7', appointment({ status: 'cancelled' }));
    const page = loadPage('appointments');
    await page.instance.onShow();
    await settle();
    page.querySelector('.cancel').dispatchEvent('tap');
    await settle();
    expect(requestsTo('DELETE', '/api/v1/appointments/7')).toHaveLength(0);
    expect(texts(page, '.cancel')).toEqual(['确认取消']);
    page.querySelector('.cancel').dispatchEvent('tap');
    await settle();
    expect(requestsTo('DELETE', '/api/v1/appointments/7')).toHaveLength(1);
    expect(requestsTo('GET', '/api/v1/appointments')).toHaveLength(2);
  });

  test('too late to cancel: the message is shown', async () => {
    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/appointments', { items: [appointment()] });
    reply('DELETE', '/api/v1/appointments/7', 409,
      { error: { code: 'too_late_to_cancel', message: '距预约时段开始已不足60分钟，无法取消', field: null } });
    const page = loadPage('appointments');
    await page.instance.onShow();
    await settle();
    page.querySelector('.cancel').dispatchEvent('tap');
    page.querySelector('.cancel').dispatchEvent('tap');
    await settle();
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '距预约时段开始已不足60分钟，无法取消' }));
  });
});
