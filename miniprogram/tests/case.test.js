const { loadPage } = require('./helpers/page');
const { supplementCase, payables, caseFee } = require('./fixtures');

const NO = '330100-20261125-000123';
const DETAIL = `/api/v1/applications/${NO}`;

// Inside a rendered element (not a component) the DOM is searched directly, where miniprogram-simulate
// prefixes the page's own classes with "main--".
const inside = (node, cls) => Array.from(node.dom.querySelectorAll(`.main--${cls}`));
const texts = (page, selector) => page.querySelectorAll(selector).map((n) => n.dom.textContent);
const tap = (page, selector) => page.querySelector(selector).instance.triggerEvent('click');

async function open(body = supplementCase) {
  reply('GET', DETAIL, body);
  reply('GET', `${DETAIL}/qr`, 'wxfile://tmp/qr-123.png');
  const page = loadPage('case');
  page.instance.onLoad({ no: NO });
  await settle();
  return page;
}

describe('case page', () => {
  beforeEach(() => {
    storage.set('token', 'tok-1');
    reply('POST', '/api/v1/uploads', ({ data }) => ({
      status: 201,
      body: { id: `up-${data.filePath.split('/').pop()}`, name: 'x', content_type: 'image/jpeg', size: 1, sha256: 'ab' },
    }));
  });

  test('renders status with its due flag, acceptance number, due date and materials with 免提交 badges', async () => {
    const page = await open();

    expect(page.querySelector('#status').dom.textContent).toBe('待补正材料');
    expect(page.querySelector('#flag').dom.textContent).toBe('即将到期');
    expect(page.querySelector('#flag').data.type).toBe('warning');
    expect(page.querySelector('#acceptance-no').data.value).toBe(NO);
    expect(page.querySelector('#due').data.value).toBe('2026-12-02');
    expect(page.dom.textContent).toContain('3304**********1234');

    const materials = page.querySelectorAll('.case-material');
    expect(materials.map((m) => inside(m, 'material-name')[0].textContent)).toEqual(['居民身份证', '户口迁移申请表']);
    expect(materials[0].dom.querySelector('van-tag').textContent).toBe('免提交');
    expect(materials[0].dom.textContent).toContain('由电子证照库共享获取：有效期至 2036-01-01');
    expect(materials[1].dom.querySelector('van-tag')).toBeNull();
    expect(materials[1].dom.textContent).toContain('已提交');
  });

  test('steps: parallel steps share a row; timeline newest first', async () => {
    const page = await open();

    const rows = page.querySelectorAll('.step-row').map((row) => inside(row, 'step-name').map((n) => n.textContent));
    expect(rows).toEqual([['窗口受理'], ['户籍审核', '住房核验'], ['审批决定']]);
    const steps = texts(page, '.step');
    expect(steps[1]).toContain('市公安局');
    expect(steps[1]).toContain('待补正');
    expect(steps[1]).toContain('申请表签名缺失');
    expect(steps[2]).toContain('市住建局');
    expect(steps[0]).toContain('2026-11-25 15:00');

    expect(texts(page, '.event-title')).toEqual(['待补正材料', '已受理', '已提交，待受理']);
    expect(texts(page, '.event')[0]).toContain('2026-11-26 10:30 · 市公安局');
  });

  test('the tracking QR code is downloaded with the login token and shown', async () => {
    const page = await open();

    const [download] = requestsTo('GET', `${DETAIL}/qr`);
    expect(download.query).toEqual({ format: 'png' });
    expect(download.header.Authorization).toBe('Bearer tok-1');
    expect(wx.downloadFile).toHaveBeenCalledTimes(1);
    // The simulator keeps no attributes of native elements, so the bound src is read from the page data.
    expect(page.querySelector('#qr-image')).toBeTruthy();
    expect(page.instance.data.qr).toBe('wxfile://tmp/qr-123.png');

    page.querySelector('#qr-image').dispatchEvent('tap');
    await settle();
    expect(wx.previewImage).toHaveBeenCalledWith({ urls: ['wxfile://tmp/qr-123.png'], current: 'wxfile://tmp/qr-123.png' });
  });

  test('a QR download that fails leaves the rest of the case, without a toast', async () => {
    reply('GET', DETAIL, supplementCase);
    reply('GET', `${DETAIL}/qr`, 404, null);
    const page = loadPage('case');
    page.instance.onLoad({ no: NO });
    await settle();

    expect(page.querySelector('#qr')).toBeFalsy();
    expect(page.querySelector('#status').dom.textContent).toBe('待补正材料');
    expect(wx.showToast).not.toHaveBeenCalled();
  });

  test('补正: upload the requested materials and resubmit them; the updated case replaces the old one', async () => {
    const resumed = {
      ...supplementCase,
      status: 'in_review',
      status_label: '审查中',
      flag: null,
      supplement_items: [],
      timeline: [...supplementCase.timeline, {
        at: '2026-11-27T01:00:00+00:00', at_local: '2026-11-27 09:00', kind: 'status', from_status: 'supplement',
        to_status: 'in_review', status_label: '审查中', step: null, department: null, actor_role: 'citizen', note: '已补正：户口迁移申请表',
      }],
    };
    reply('POST', `${DETAIL}/resubmit`, resumed);
    const page = await open();

    expect(texts(page, '.supplement-name')).toEqual(['户口迁移申请表', '准予迁入证明']);
    tap(page, '#resubmit');
    await settle();
    expect(requestsTo('POST', `${DETAIL}/resubmit`)).toHaveLength(0);
    expect(page.querySelector('#supplement-error').dom.textContent).toBe('请上传补正材料');

    page.querySelectorAll('.supplement-upload')[0].instance.triggerEvent('click');
    await settle();
    expect(page.querySelector('#supplement-error')).toBeFalsy();
    expect(texts(page, '.supplement-item')[0]).toContain('已上传：photo-1.jpg');
    page.querySelector('#supplement-note').instance.triggerEvent('change', ' 已补签名 ');
    tap(page, '#resubmit');
    await settle();

    const [post] = requestsTo('POST', `${DETAIL}/resubmit`);
    expect(post.data).toEqual({ materials: [{ name: '户口迁移申请表', upload_id: 'up-photo-1.jpg' }], note: '已补签名' });
    expect(requestsTo('POST', '/api/v1/uploads')[0].data).toEqual({ filePath: 'wxfile://tmp/photo-1.jpg', name: 'file' });
    expect(page.querySelector('#supplement')).toBeFalsy();
    expect(page.querySelector('#status').dom.textContent).toBe('审查中');
    expect(page.querySelector('#flag')).toBeFalsy();
    expect(texts(page, '.event-title')[0]).toBe('审查中');
    expect(wx.showToast).toHaveBeenCalledWith({ title: '补正材料已提交', icon: 'success' });
    expect(wx.downloadFile).toHaveBeenCalledTimes(1); // the QR code is not fetched again
  });

  test('a rejected resubmission shows its message by the supplement block', async () => {
    reply('POST', `${DETAIL}/resubmit`, 422, { error: { code: 'invalid', message: '上传的文件不属于您', field: 'materials' } });
    const page = await open();
    page.querySelectorAll('.supplement-upload')[1].instance.triggerEvent('click');
    await settle();
    tap(page, '#resubmit');
    await settle();

    expect(requestsTo('POST', `${DETAIL}/resubmit`)[0].data.materials).toEqual([{ name: '准予迁入证明', upload_id: 'up-photo-1.jpg' }]);
    expect(page.querySelector('#supplement-error').dom.textContent).toBe('上传的文件不属于您');
    expect(page.querySelector('#supplement')).toBeTruthy();
    expect(wx.showToast).not.toHaveBeenCalled();
  });

  test('领取方式与寄递 opens the delivery page of the case', async () => {
    const page = await open();
    tap(page, '#open-delivery');
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: `/pages/delivery/delivery?no=${encodeURIComponent(NO)}` });
  });

  test('no supplement block unless the case waits for 补正', async () => {
    const page = await open({ ...supplementCase, status: 'accepted', status_label: '已受理', flag: 'red' });
    expect(page.querySelector('#supplement')).toBeFalsy();
    expect(page.querySelector('#flag').dom.textContent).toBe('已超期');
    expect(page.querySelector('#flag').data.type).toBe('danger');
  });

  test('an approved case with an unpaid fee shows it and links to paying it; once paid, to 我的待缴', async () => {
    reply('GET', '/api/v1/payables', payables);
    const page = await open({ ...supplementCase, status: 'approved', status_label: '审批通过', flag: null });

    const fee = page.querySelector('#fee-cell');
    expect(fee.data.value).toBe('¥28.50');
    expect(fee.data.label).toContain('待缴纳');
    fee.instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/pay/pay?payable=7' });

    // Back from paying: shown again, the fee is asked for again.
    reply('GET', '/api/v1/payables', { items: [{ ...caseFee, status: 'paid' }] });
    await page.instance.onShow(); // the first show follows onLoad
    expect(requestsTo('GET', '/api/v1/payables')).toHaveLength(1);
    await page.instance.onShow();
    expect(requestsTo('GET', '/api/v1/payables')).toHaveLength(2);
    expect(page.querySelector('#fee-cell').data.label).toBe('已缴纳');
    page.querySelector('#fee-cell').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/payables/payables' });
  });

  test('no fee block for a free approved case, and no fee lookup before approval', async () => {
    reply('GET', '/api/v1/payables', { items: [{ ...caseFee, ref: '330100-20261125-000999' }] });
    let page = await open({ ...supplementCase, status: 'approved', status_label: '审批通过', flag: null });
    expect(page.querySelector('#fee')).toBeFalsy();
    expect(requestsTo('GET', '/api/v1/payables')).toHaveLength(1);

    page = await open();
    expect(page.querySelector('#fee')).toBeFalsy();
    expect(requestsTo('GET', '/api/v1/payables')).toHaveLength(1);
  });

  test('pull-down refresh reloads the case', async () => {
    const page = await open();
    reply('GET', '/api/v1/payables', { items: [] });
    reply('GET', DETAIL, { ...supplementCase, status: 'approved', status_label: '审批通过', flag: null });
    await page.instance.onPullDownRefresh();
    expect(page.querySelector('#status').dom.textContent).toBe('审批通过');
    expect(wx.stopPullDownRefresh).toHaveBeenCalled();
  });
});
