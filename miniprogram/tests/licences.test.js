const { loadPage } = require('./helpers/page');

const LIST = '/api/v1/me/licences';
const ONE = '/api/v1/me/licences/7';
const texts = (page, selector) => page.querySelectorAll(selector).map((n) => n.dom.textContent);

const gjj = {
  id: 7, number: '330402-GJJJCZM-2026-000001', type: { code: 'GJJJCZM', name: '住房公积金缴存证明', kind: 'letter' },
  issuer: '示例市住房公积金管理中心', issued_at: '2026-12-02T02:00:00+00:00', valid_from: '2026-12-02',
  valid_until: '2027-03-01', status: 'valid', status_label: '有效',
};
const licenceDetail = {
  ...gjj, acceptance_no: '330402-20261202-000001',
  fields: [{ key: 'holder_name', label: '姓名', value: '王小明' },
    { key: 'holder_id_number', label: '公民身份号码', value: '3304**********1234' }],
  status_history: [{ status: 'valid', at: '2026-12-02T02:00:00+00:00', reason: '出证' }],
  data_signature: { alg: 'SM2-SM3', key_id: 'abc', value: 'MEU=' }, pdf_ready: true,
};

describe('卡包 (pages/licences)', () => {
  beforeEach(() => storage.set('token', 'tok-1'));

  test('groups my licences by type, with validity and status, and opens one', async () => {
    const marriage = { ...gjj, id: 8, number: '330402-JHZ-2026-000003', type: { code: 'JHZ', name: '结婚证', kind: 'certificate' },
      issuer: '示例市民政局', valid_until: null };
    const old = { ...gjj, id: 6, number: '330402-GJJJCZM-2026-000000', status: 'expired', status_label: '已过期' };
    reply('GET', LIST, { items: [gjj, marriage, old] });
    const page = loadPage('licences');
    await page.instance.onLoad();
    await settle();

    expect(requestsTo('GET', LIST)[0].header.Authorization).toBe('Bearer tok-1');
    expect(texts(page, '.type-name')).toEqual(['住房公积金缴存证明', '结婚证']);
    expect(texts(page, '.card-number')).toEqual([gjj.number, old.number, marriage.number]);
    expect(texts(page, '.card-validity')).toEqual(['有效期至 2027-03-01', '有效期至 2027-03-01', '长期有效']);
    expect(texts(page, '.card-status')).toEqual(['有效', '已过期', '有效']);
    page.querySelectorAll('.card')[2].dispatchEvent('tap');
    await settle();
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/licence/licence?id=8' });
  });

  test('an empty wallet says how licences arrive', async () => {
    reply('GET', LIST, { items: [] });
    const page = loadPage('licences');
    await page.instance.onLoad();
    expect(page.querySelector('#no-licences').dom.textContent).toContain('出证后会出现在这里');
  });
});

describe('电子证照 (pages/licence)', () => {
  beforeEach(() => storage.set('token', 'tok-1'));

  async function open(body = licenceDetail) {
    reply('GET', ONE, body);
    const page = loadPage('licence');
    await page.instance.onLoad({ id: '7' });
    await settle();
    return page;
  }

  test('shows the fields masked as sent, validity and issuer', async () => {
    const page = await open();
    expect(page.querySelector('#licence-type').dom.textContent).toBe('住房公积金缴存证明');
    expect(page.querySelector('#licence-number').dom.textContent).toBe(`编号：${gjj.number}`);
    expect(page.querySelectorAll('.field').map((n) => n.data.value)).toEqual(['王小明', '3304**********1234']);
    expect(page.querySelector('#validity').data.value).toBe('2026-12-02 至 2027-03-01');
    expect(page.querySelector('#issuer').data.value).toBe('示例市住房公积金管理中心');
  });

  test('亮证 shows the QR code of a fresh token, schedules the next one before it expires, and stops on hide', async () => {
    const PRESENT = '/api/v1/me/licences/7/presentations';
    let n = 0;
    reply('POST', PRESENT, () => {
      n += 1;
      return { status: 201, body: { token: `t${n}`, url: `http://127.0.0.1:8000/verify/licences/t${n}`, ttl: 300,
        expires_at: new Date(Date.now() + 300 * 1000).toISOString(), qr: `data:image/png;base64,QR${n}` } };
    });
    const page = await open();
    const timers = jest.spyOn(global, 'setTimeout');

    page.querySelector('#show-code').instance.triggerEvent('click');
    await settle();
    expect(page.instance.data.showing.qr).toBe('data:image/png;base64,QR1');
    expect(page.querySelector('#code-image')).toBeTruthy();
    const refreshIn = timers.mock.calls.map((c) => c[1]).filter((ms) => ms > 1000);
    expect(refreshIn).toHaveLength(1);
    expect(refreshIn[0]).toBeGreaterThan(260 * 1000); // ≈ 270 s: 30 s before the 300 s code expires
    expect(refreshIn[0]).toBeLessThanOrEqual(270 * 1000);

    await page.instance.fetchCode(); // what the timer does
    await settle();
    expect(requestsTo('POST', PRESENT)).toHaveLength(2);
    expect(page.instance.data.showing.qr).toBe('data:image/png;base64,QR2');

    page.instance.onHide();
    expect(page.instance.data.showing).toBe(null);
    expect(page.instance.timer).toBe(null);
    timers.mockRestore();
  });

  test('a revoked licence cannot be shown; the PDF downloads with the token and opens', async () => {
    reply('GET', `${ONE}/pdf`, 'wxfile://tmp/licence.pdf');
    const page = await open({ ...licenceDetail, status: 'revoked', status_label: '已吊销' });
    expect(page.querySelector('#show-code')).toBeFalsy();
    expect(page.querySelector('#not-valid').dom.textContent).toContain('已吊销');

    page.querySelector('#download').instance.triggerEvent('click');
    await settle();
    const [download] = requestsTo('GET', `${ONE}/pdf`);
    expect(download.header.Authorization).toBe('Bearer tok-1');
    expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/licence.pdf', fileType: 'pdf' }));
  });
});
