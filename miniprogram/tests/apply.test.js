const { loadPage } = require('./helpers/page');
const { hukouPreview } = require('./fixtures');
const config = require('../config');

const CASE = { acceptance_no: '330100-20261125-000123', status: 'submitted', status_label: '已提交，待受理' };

function fieldText(page, key, prop) {
  return page.querySelector(`#field-${key}`).dom.querySelector(`.stub-${prop}`).textContent;
}

// Native <picker> events are dispatched asynchronously by the simulator, hence the settle().
async function pick(page, key, value) {
  page.querySelector(`#picker-${key}`).dispatchEvent('change', { detail: { value } });
  await settle();
}

async function fill(page) {
  page.querySelector('#field-contact_address').instance.triggerEvent('change', '西湖区文三路 1 号');
  page.querySelector('#field-phone').instance.triggerEvent('change', '13800005678');
  await pick(page, 'relation', '1');
}

function uploadButtons(page) {
  return page.querySelector('#materials').querySelectorAll('.upload');
}

const tap = (page, selector) => page.querySelector(selector).instance.triggerEvent('click');

async function uploadForm(page) {
  uploadButtons(page)[0].instance.triggerEvent('click');
  await settle();
}

async function open(preview = hukouPreview, query = { service: 'GA0101' }) {
  reply('GET', '/api/v1/applications/preview', preview);
  const page = loadPage('apply');
  page.instance.onLoad(query);
  await settle();
  return page;
}

describe('apply page', () => {
  beforeEach(() => {
    storage.set('token', 'tok-1');
    reply('POST', '/api/v1/uploads', ({ data }) => ({
      status: 201,
      body: { id: `up-${data.filePath.split('/').pop()}`, name: 'x', content_type: 'image/jpeg', size: 1, sha256: 'ab' },
    }));
  });

  test('asks the preview with the guide answers and renders the form, the 免提交 badges and the consent block', async () => {
    const answers = encodeURIComponent(JSON.stringify({ local_hukou: 'no' }));
    const page = await open(hukouPreview, { service: 'GA0101', answers });

    const [asked] = requestsTo('GET', '/api/v1/applications/preview');
    expect(asked.query).toEqual({ service: 'GA0101', answers: '{"local_hukou":"no"}' });
    expect(asked.header.Authorization).toBe('Bearer tok-1');

    const labels = page.querySelectorAll('.form-field').map((f) => f.dom.querySelector('.stub-label').textContent);
    expect(labels).toEqual(['联系地址', '联系电话', '与户主关系', '拟迁入日期', '补充说明']);
    expect(page.querySelector('#field-phone').data.type).toBe('number');
    expect(page.querySelector('#field-remark').data.type).toBe('textarea');
    expect(page.querySelector('#field-contact_address').data.required).toBe(true);
    expect(page.querySelector('#field-move_date').data.required).toBe(false);

    const list = page.querySelector('#materials').dom;
    expect(Array.from(list.querySelectorAll('van-tag')).filter((t) => t.textContent === '免提交')).toHaveLength(2);
    expect(list.textContent).toContain('由电子证照库·居民身份证共享获取');
    // Only what the citizen hands in can be uploaded.
    expect(uploadButtons(page).map((b) => b.dom.dataset.name)).toEqual(['户口迁移申请表', '委托书']);

    const consent = page.querySelector('#consent').dom.textContent;
    expect(consent).toContain('将从以下共享库调取您的材料：');
    expect(consent).toContain('电子证照库');
    expect(consent).toContain('居民身份证、居民户口簿');
    expect(page.querySelector('#face-block')).toBeFalsy();
    expect(page.dom.textContent).toContain('受理部门：市公安局 · 承诺 5 个工作日');
  });

  test('a bundle is previewed and submitted as a bundle', async () => {
    reply('POST', '/api/v1/applications', 201, CASE);
    const page = await open({ ...hukouPreview, consent: [], materials: [hukouPreview.materials[0]] }, { bundle: 'birth' });
    expect(requestsTo('GET', '/api/v1/applications/preview')[0].query).toEqual({ bundle: 'birth', answers: '{}' });
    expect(page.querySelector('#consent')).toBeFalsy();

    await fill(page);
    tap(page, '#submit');
    await settle();

    const [post] = requestsTo('POST', '/api/v1/applications');
    expect(post.data.bundle).toBe('birth');
    expect(post.data.service).toBeUndefined();
    expect(post.data.consent).toBe(false);
  });

  test('submit is blocked until the consent box is ticked; then the form, answers and upload id are sent', async () => {
    reply('POST', '/api/v1/applications', 201, CASE);
    const page = await open(hukouPreview, { service: 'GA0101', answers: encodeURIComponent('{"local_hukou":"yes"}') });
    await fill(page);
    await uploadForm(page);

    tap(page, '#submit');
    await settle();
    expect(requestsTo('POST', '/api/v1/applications')).toHaveLength(0);
    expect(page.querySelector('#consent-error').dom.textContent).toBe('请先阅读并勾选同意调取共享数据');

    page.querySelector('#consent-check').instance.triggerEvent('change', true);
    expect(page.querySelector('#consent-error')).toBeFalsy();
    tap(page, '#submit');
    await settle();

    const [post] = requestsTo('POST', '/api/v1/applications');
    expect(post.data).toEqual({
      service: 'GA0101',
      form: { contact_address: '西湖区文三路 1 号', phone: '13800005678', relation: 'spouse' },
      answers: { local_hukou: 'yes' },
      materials: [{ name: '户口迁移申请表', upload_id: 'up-photo-1.jpg' }],
      consent: true,
    });
    expect(post.header.Authorization).toBe('Bearer tok-1');
    expect(wx.redirectTo).toHaveBeenCalledWith({ url: '/pages/case/case?no=330100-20261125-000123' });
  });

  test('an upload goes to POST /api/v1/uploads as field "file" and its id replaces an earlier one', async () => {
    const page = await open();
    await uploadForm(page);
    wx.showActionSheet.mockImplementationOnce((options) => options.success({ tapIndex: 1 }));
    await uploadForm(page);

    const sent = requestsTo('POST', '/api/v1/uploads');
    expect(sent.map((u) => u.data)).toEqual([
      { filePath: 'wxfile://tmp/photo-1.jpg', name: 'file' },
      { filePath: 'wxfile://tmp/msg-1.pdf', name: 'file' },
    ]);
    expect(sent[0].header.Authorization).toBe('Bearer tok-1');
    expect(wx.chooseMessageFile.mock.calls[0][0]).toMatchObject({ count: 1, extension: ['pdf', 'jpg', 'jpeg', 'png'] });
    expect(page.instance.data.files).toEqual({ 户口迁移申请表: { id: 'up-msg-1.pdf', name: '申请表.pdf' } });
    expect(page.querySelector('#materials').dom.textContent).toContain('已上传：申请表.pdf');
  });

  test('a cancelled picker uploads nothing; a file over 10MB is refused before sending', async () => {
    const page = await open();
    wx.chooseMedia.mockImplementationOnce((options) => options.fail({ errMsg: 'chooseMedia:fail cancel' }));
    await uploadForm(page);
    wx.chooseMedia.mockImplementationOnce((options) => options.success({
      tempFiles: [{ tempFilePath: 'wxfile://tmp/huge.jpg', size: 11 * 1024 * 1024 }],
    }));
    await uploadForm(page);

    expect(requestsTo('POST', '/api/v1/uploads')).toHaveLength(0);
    expect(wx.showToast.mock.calls).toEqual([[{ title: '文件不能超过 10MB', icon: 'none' }]]);
    expect(page.instance.data.files).toEqual({});
    expect(page.instance.data.uploading).toBe('');
  });

  test('required fields and materials are checked before sending', async () => {
    const page = await open();
    page.querySelector('#consent-check').instance.triggerEvent('change', true);
    tap(page, '#submit');
    await settle();

    expect(requestsTo('POST', '/api/v1/applications')).toHaveLength(0);
    expect(fieldText(page, 'contact_address', 'errorMessage')).toBe('请填写联系地址');
    expect(fieldText(page, 'relation', 'errorMessage')).toBe('请填写与户主关系');
    expect(fieldText(page, 'move_date', 'errorMessage')).toBe('');
    expect(page.querySelector('#materials-error').dom.textContent).toBe('请上传户口迁移申请表');

    // Choosing a value clears its error and shows the option label.
    await pick(page, 'relation', '0');
    await pick(page, 'move_date', '2026-12-01');
    expect(fieldText(page, 'relation', 'errorMessage')).toBe('');
    expect(fieldText(page, 'relation', 'value')).toBe('子女');
    expect(fieldText(page, 'move_date', 'value')).toBe('2026-12-01');
    expect(page.instance.data.form).toMatchObject({ relation: 'child', move_date: '2026-12-01' });
  });

  test('one Idempotency-Key per page load: a double tap sends once, a retry after a failure sends the same key', async () => {
    let calls = 0;
    reply('POST', '/api/v1/applications', () => {
      calls += 1;
      return calls === 1
        ? { status: 503, body: { error: { code: 'unavailable', message: '服务繁忙，请稍后重试', field: null } } }
        : { status: 200, body: CASE }; // the replay of the key
    });
    const page = await open();
    await fill(page);
    await uploadForm(page);
    page.querySelector('#consent-check').instance.triggerEvent('change', true);

    tap(page, '#submit');
    tap(page, '#submit'); // the double tap
    await settle();
    expect(requestsTo('POST', '/api/v1/applications')).toHaveLength(1);
    expect(wx.showToast).toHaveBeenCalledWith({ title: '服务繁忙，请稍后重试', icon: 'none' });
    expect(wx.redirectTo).not.toHaveBeenCalled();

    tap(page, '#submit');
    await settle();
    const [first, second] = requestsTo('POST', '/api/v1/applications');
    const key = first.header['Idempotency-Key'];
    expect(key).toMatch(/^[\w-]{8,64}$/);
    expect(second.header['Idempotency-Key']).toBe(key);
    expect(second.data).toEqual(first.data);
    expect(wx.redirectTo).toHaveBeenCalledWith({ url: '/pages/case/case?no=330100-20261125-000123' });

    // Another page load is another application.
    const other = await open();
    expect(other.instance.idempotencyKey).not.toBe(key);
  });

  test('a 422 naming form.<key> shows under that field without a toast; materials and consent errors by their blocks', async () => {
    const errors = [
      { code: 'invalid', message: '联系电话格式不正确', field: 'form.phone' },
      { code: 'material_missing', message: '共享库中未查到您的居民户口簿，请上传该材料', field: 'materials' },
      { code: 'consent_required', message: '请先阅读并同意调取共享数据', field: 'consent' },
      { code: 'identity_required', message: '请先完成实名认证', field: null },
    ];
    reply('POST', '/api/v1/applications', () => ({ status: 422, body: { error: errors.shift() } }));
    const page = await open();
    await fill(page);
    await uploadForm(page);
    page.querySelector('#consent-check').instance.triggerEvent('change', true);

    tap(page, '#submit');
    await settle();
    expect(fieldText(page, 'phone', 'errorMessage')).toBe('联系电话格式不正确');
    expect(fieldText(page, 'contact_address', 'errorMessage')).toBe('');
    expect(wx.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '联系电话格式不正确' }));
    expect(wx.redirectTo).not.toHaveBeenCalled();

    page.querySelector('#field-phone').instance.triggerEvent('change', '13800005679');
    expect(fieldText(page, 'phone', 'errorMessage')).toBe('');

    tap(page, '#submit');
    await settle();
    expect(page.querySelector('#materials-error').dom.textContent).toBe('共享库中未查到您的居民户口簿，请上传该材料');

    tap(page, '#submit');
    await settle();
    expect(page.querySelector('#consent-error').dom.textContent).toBe('请先阅读并同意调取共享数据');

    tap(page, '#submit');
    await settle();
    expect(wx.showToast).toHaveBeenCalledWith({ title: '请先完成实名认证', icon: 'none' });
  });

  test('signed out: asks to log in instead of loading the preview', async () => {
    storage.delete('token');
    const page = loadPage('apply');
    page.instance.onLoad({ service: 'GA0101' });
    await settle();

    expect(requestsTo('GET', '/api/v1/applications/preview')).toHaveLength(0);
    tap(page, '#go-login');
    expect(wx.switchTab).toHaveBeenCalledWith({ url: '/pages/me/me' });

    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/applications/preview', hukouPreview);
    page.instance.onShow();
    await settle();
    expect(page.querySelector('#need-login')).toBeFalsy();
    expect(page.querySelectorAll('.form-field')).toHaveLength(5);
  });
});

describe('apply page: 刷脸核身', () => {
  const facePreview = { ...hukouPreview, consent: [], materials: hukouPreview.materials.slice(0, 2), face_required: true };

  beforeEach(() => {
    storage.set('token', 'tok-1');
    reply('POST', '/api/v1/face/sessions', 201, { verify_id: 'sbxface_abc', expires_in: 3600 });
  });

  const faceButton = (page) => page.querySelector('#face').querySelector('.face-start');
  const faceResult = (page) => {
    const result = page.querySelector('#face').querySelector('.face-result');
    return result ? result.dom.textContent : null;
  };

  test('sandbox: the backend stand-in completes the scan, the result passes, and submit is allowed', async () => {
    reply('POST', '/sandbox/wechat/face/sbxface_abc/complete', { errcode: 0, errmsg: 'ok', verify_id: 'sbxface_abc', verify_ret: 10000 });
    reply('POST', '/api/v1/face/sessions/sbxface_abc/result', { passed: true, verify_ret: 10000, face_verified_at: '2026-11-25T06:00:00+00:00' });
    reply('POST', '/api/v1/applications', 201, CASE);
    const page = await open(facePreview);
    await fill(page);

    tap(page, '#submit');
    await settle();
    expect(requestsTo('POST', '/api/v1/applications')).toHaveLength(0);
    expect(faceResult(page)).toBe('请先完成刷脸核身');

    faceButton(page).instance.triggerEvent('click');
    await settle();

    expect(requestsTo('POST', '/sandbox/wechat/face/sbxface_abc/complete')[0].data).toEqual({ verify_ret: 10000 });
    expect(requestsTo('POST', '/api/v1/face/sessions/sbxface_abc/result')).toHaveLength(1);
    expect(faceResult(page)).toBe('核身通过');
    expect(faceButton(page)).toBeFalsy();

    tap(page, '#submit');
    await settle();
    expect(requestsTo('POST', '/api/v1/applications')).toHaveLength(1);
  });

  test('a failed scan shows 核身未通过，请重试 and keeps submit blocked', async () => {
    reply('POST', '/sandbox/wechat/face/sbxface_abc/complete', { errcode: 0, errmsg: 'ok', verify_id: 'sbxface_abc', verify_ret: 10000 });
    reply('POST', '/api/v1/face/sessions/sbxface_abc/result', { passed: false, verify_ret: 90100, face_verified_at: null });
    const page = await open(facePreview);
    await fill(page);

    faceButton(page).instance.triggerEvent('click');
    await settle();
    expect(faceResult(page)).toBe('核身未通过，请重试');
    expect(faceButton(page).dom.textContent).toBe('重新刷脸');

    tap(page, '#submit');
    await settle();
    expect(requestsTo('POST', '/api/v1/applications')).toHaveLength(0);
  });

  test('a face_required answer from the server reopens the face step', async () => {
    reply('POST', '/sandbox/wechat/face/sbxface_abc/complete', { errcode: 0, errmsg: 'ok', verify_id: 'sbxface_abc', verify_ret: 10000 });
    reply('POST', '/api/v1/face/sessions/sbxface_abc/result', { passed: true, verify_ret: 10000, face_verified_at: '2026-11-25T06:00:00+00:00' });
    reply('POST', '/api/v1/applications', 403, { error: { code: 'face_required', message: '该事项需要先完成刷脸核身', field: null } });
    const page = await open(facePreview);
    await fill(page);
    faceButton(page).instance.triggerEvent('click');
    await settle();

    tap(page, '#submit');
    await settle();
    expect(page.instance.data.facePassed).toBe(false);
    expect(faceResult(page)).toBe('该事项需要先完成刷脸核身');
    expect(faceButton(page).dom.textContent).toBe('开始刷脸');
    expect(wx.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '该事项需要先完成刷脸核身' }));
  });

  test('a result that lags the scan (409 face_pending) is asked again', async () => {
    const face = require('../api/face');
    const { delayMs } = face.retry;
    face.retry.delayMs = 0;
    let asked = 0;
    reply('POST', '/sandbox/wechat/face/sbxface_abc/complete', { errcode: 0, errmsg: 'ok', verify_id: 'sbxface_abc', verify_ret: 10000 });
    reply('POST', '/api/v1/face/sessions/sbxface_abc/result', () => {
      asked += 1;
      return asked === 1
        ? { status: 409, body: { error: { code: 'face_pending', message: '刷脸尚未完成，请完成刷脸后再查询结果', field: null } } }
        : { status: 200, body: { passed: true, verify_ret: 10000, face_verified_at: '2026-11-25T06:00:00+00:00' } };
    });
    try {
      const page = await open(facePreview);
      faceButton(page).instance.triggerEvent('click');
      await settle();
      await settle();

      expect(asked).toBe(2);
      expect(faceResult(page)).toBe('核身通过');
      expect(wx.showToast).not.toHaveBeenCalled();
    } finally {
      face.retry.delayMs = delayMs;
    }
  });

  describe('outside the sandbox', () => {
    beforeEach(() => { config.sandbox = false; });
    afterEach(() => {
      config.sandbox = true;
      delete wx.requestFacialVerify;
    });

    test('hands the verify_id to wx.requestFacialVerify, then asks the result', async () => {
      wx.requestFacialVerify = jest.fn((options) => setTimeout(() => options.success({ errCode: 0 }), 0));
      reply('POST', '/api/v1/face/sessions/sbxface_abc/result', { passed: true, verify_ret: 10000, face_verified_at: '2026-11-25T06:00:00+00:00' });
      const page = await open(facePreview);

      faceButton(page).instance.triggerEvent('click');
      await settle();
      await settle();

      expect(wx.requestFacialVerify.mock.calls[0][0].verifyId).toBe('sbxface_abc');
      expect(requestsTo('POST', '/sandbox/wechat/face/sbxface_abc/complete')).toHaveLength(0);
      expect(faceResult(page)).toBe('核身通过');
    });

    test('a cancelled scan does not ask the result', async () => {
      wx.requestFacialVerify = jest.fn((options) => options.fail({ errMsg: 'requestFacialVerify:fail cancel' }));
      const page = await open(facePreview);

      faceButton(page).instance.triggerEvent('click');
      await settle();

      expect(requestsTo('POST', '/api/v1/face/sessions/sbxface_abc/result')).toHaveLength(0);
      expect(faceResult(page)).toBe('核身未通过，请重试');
    });
  });
});
