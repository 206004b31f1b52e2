const { loadPage } = require('./helpers/page');
const { receipt } = require('./fixtures');

const RECEIPT = '/api/v1/payments/41/receipt';
const texts = (page, selector) => page.querySelectorAll(selector).map((n) => n.dom.textContent);

async function open(body = receipt) {
  reply('GET', RECEIPT, body);
  const page = loadPage('receipt');
  page.instance.onLoad({ order: '41' });
  await settle();
  return page;
}

describe('receipt page (电子票据)', () => {
  beforeEach(() => {
    storage.set('token', 'tok-1');
  });

  test('renders the receipt: number, type, masked payer, items, amount in figures and words, 执收单位, Beijing time', async () => {
    const page = await open();

    expect(requestsTo('GET', RECEIPT)[0].header.Authorization).toBe('Bearer tok-1');
    expect(page.querySelector('#receipt-type').dom.textContent).toBe('非税收入统一票据（电子）');
    expect(page.querySelector('#receipt-number').dom.textContent).toBe('票据号码：3301002026112700000012');
    expect(page.querySelector('#payer-name').data.value).toBe('张*三');
    expect(page.querySelector('#payer-id').data.value).toBe('3304**********1234');
    expect(texts(page, '.item-name')).toEqual(['户口簿工本费', '身份证工本费']);
    expect(texts(page, '.item-amount')).toEqual(['¥8.50', '¥20.00']);
    expect(page.querySelector('#amount').dom.textContent).toBe('¥28.50');
    expect(page.querySelector('#amount-in-words').dom.textContent).toBe('贰拾捌元伍角整');
    expect(page.querySelector('#department').data.value).toBe('市公安局');
    expect(page.querySelector('#paid-at').data.value).toBe('2026-11-27 10:00');
    expect(page.querySelector('#transaction-id').data.value).toBe('4200002026112712345678901234');
  });

  test('验真 shows the number, the check code and the public verification URL with the code, which can be copied', async () => {
    const page = await open();

    const url = 'http://127.0.0.1:8000/verify/receipts/3301002026112700000012?code=K7Q2MZ4D';
    expect(page.querySelector('#verify-number').dom.textContent).toBe('3301002026112700000012');
    expect(page.querySelector('#verify-code').dom.textContent).toBe('K7Q2MZ4D');
    expect(page.querySelector('#verify-url').dom.textContent).toBe(url);
    page.querySelector('#verify').dispatchEvent('tap');
    await settle();
    expect(wx.setClipboardData).toHaveBeenCalledWith({ data: url });
  });

  test('a payer sent unmasked is still shown masked', async () => {
    const page = await open({ ...receipt, payload: { ...receipt.payload, payer: { name: '张小三', id_number: '330400199001011234' } } });
    expect(page.querySelector('#payer-name').data.value).toBe('张*三');
    expect(page.querySelector('#payer-id').data.value).toBe('3304**********1234');
    expect(page.dom.textContent).not.toContain('330400199001011234');
  });

  test('下载PDF downloads with the login token and opens the document', async () => {
    reply('GET', `${RECEIPT}.pdf`, 'wxfile://tmp/ereceipt.pdf');
    const page = await open();

    page.querySelector('#download').instance.triggerEvent('click');
    await settle();

    const [download] = requestsTo('GET', `${RECEIPT}.pdf`);
    expect(download.url).toBe('http://127.0.0.1:8000/api/v1/payments/41/receipt.pdf');
    expect(download.header.Authorization).toBe('Bearer tok-1');
    expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/ereceipt.pdf', fileType: 'pdf' }));
    expect(page.instance.data.downloading).toBe(false);
  });

  test('not issued yet (404 receipt_not_found): says so without a toast', async () => {
    reply('GET', RECEIPT, 404, { error: { code: 'receipt_not_found', message: '没有找到该电子票据', field: null } });
    const page = loadPage('receipt');
    await page.instance.onLoad({ order: '41' });

    expect(page.querySelector('#not-issued').dom.textContent).toContain('电子票据尚未开具');
    expect(page.querySelector('#download')).toBeFalsy();
    expect(wx.showToast).not.toHaveBeenCalled();
  });
});
