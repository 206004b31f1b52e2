// The walk up the real-name levels (utils/level.js): a level error from any API call takes the user to the bind
// page (below level 2) or the face page, and back to the page they were on once the level is reached.
const { loadPage } = require('./helpers/page');
const { request } = require('../api/client');
const { citizen, verifiedCitizen } = require('./fixtures');

const level1 = { ...citizen, identity: { level: 1, taken: false } };
const level2 = { ...verifiedCitizen, identity: { level: 2, taken: false } };
const level2Taken = { ...verifiedCitizen, identity: { level: 2, taken: true } };
const level3 = { ...verifiedCitizen, identity: { level: 3, taken: false } };

const levelRequired = (required, current) => ({
  error: {
    code: 'identity_level_required', message: '该业务需要实名认证并完成本人刷脸核身', field: null,
    required_level: required, current_level: current,
  },
});
const taken = {
  error: {
    code: 'identity_taken', message: '该身份已由另一账号认证，请本人刷脸核身后继续', field: null,
    required_level: 3, current_level: 2,
  },
};

function fill(page, values) {
  Object.keys(values).forEach((field) => {
    page.querySelector(`#field-${field}`).instance.triggerEvent('change', values[field]);
  });
}

async function faceRoundTrip(passed = true) {
  reply('POST', '/api/v1/face/sessions', 201, { verify_id: 'sbxface_lv', expires_in: 3600 });
  reply('POST', '/sandbox/wechat/face/sbxface_lv/complete', { errcode: 0, errmsg: 'ok', verify_id: 'sbxface_lv', verify_ret: 10000 });
  reply('POST', '/api/v1/face/sessions/sbxface_lv/result', {
    passed, verify_ret: passed ? 10000 : 90100, face_verified_at: passed ? '2026-12-02T08:00:00+00:00' : null,
  });
}

describe('level walk', () => {
  beforeEach(() => {
    storage.set('token', 'tok-1');
  });

  test('a 403 identity_level_required below level 2 opens the bind page for the level needed, without a toast', async () => {
    reply('GET', '/api/v1/payables', 403, levelRequired(3, 1));
    const err = await request({ path: '/api/v1/payables' }).catch((e) => e);
    expect(err.code).toBe('identity_level_required');
    expect([err.requiredLevel, err.currentLevel]).toEqual([3, 1]);
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/identity/identity?level=3' });
    expect(wx.showToast).not.toHaveBeenCalled();
  });

  test('at level 2 the walk starts at the face page; identity_taken says the identity is held elsewhere', async () => {
    reply('GET', '/api/v1/payables', 403, levelRequired(3, 2));
    await request({ path: '/api/v1/payables', silent: true }).catch(() => null);
    expect(wx.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/face/face?level=3' });

    reply('POST', '/api/v1/applications', 409, taken);
    await request({ method: 'POST', path: '/api/v1/applications', data: {} }).catch(() => null);
    expect(wx.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/face/face?level=3&taken=1' });
    expect(wx.showToast).not.toHaveBeenCalled();
  });

  test('no second walk while a step page is on screen, and none when the caller opts out', async () => {
    getCurrentPages.mockReturnValueOnce([{ route: 'pages/payables/payables' }, { route: 'pages/face/face' }]);
    reply('POST', '/api/v1/face/sessions', 403, levelRequired(2, 1));
    await request({ method: 'POST', path: '/api/v1/face/sessions', silent: true }).catch(() => null);
    expect(wx.navigateTo).not.toHaveBeenCalled();

    reply('GET', '/api/v1/payables', 403, levelRequired(3, 1));
    await request({ path: '/api/v1/payables', levelUp: false }).catch(() => null);
    expect(wx.navigateTo).not.toHaveBeenCalled();
    expect(wx.showToast).toHaveBeenCalledWith({ title: '该业务需要实名认证并完成本人刷脸核身', icon: 'none' });
  });

  test('bind page: binding for level 3 goes on to the face page (replacing the bind page)', async () => {
    reply('GET', '/api/v1/me', level1);
    reply('PUT', '/api/v1/me/identity', level2);
    const page = loadPage('identity');
    page.instance.onLoad({ level: '3' });
    await page.instance.onShow();
    await settle();
    expect(wx.redirectTo).not.toHaveBeenCalled();
    expect(page.querySelector('#steps').dom.textContent).toContain('刷脸核身');

    fill(page, { name: '张建国', id_number: '330402195803121310', phone: '13800005678' });
    page.querySelector('#submit').instance.triggerEvent('click');
    await settle();

    expect(requestsTo('PUT', '/api/v1/me/identity')[0].data)
      .toEqual({ name: '张建国', id_number: '330402195803121310', phone: '13800005678' });
    expect(wx.redirectTo).toHaveBeenCalledWith({ url: '/pages/face/face?level=3' });
    expect(wx.navigateBack).not.toHaveBeenCalled();
  });

  test('bind page: for level 2 it goes straight back to the page that asked', async () => {
    reply('GET', '/api/v1/me', level1);
    reply('PUT', '/api/v1/me/identity', level2);
    const page = loadPage('identity');
    page.instance.onLoad({ level: '2' });
    await page.instance.onShow();
    fill(page, { name: '张建国', id_number: '330402195803121310', phone: '13800005678' });
    page.querySelector('#submit').instance.triggerEvent('click');
    await settle();
    expect(wx.navigateBack).toHaveBeenCalledWith({ delta: 1 });
    expect(wx.redirectTo).not.toHaveBeenCalled();
  });

  test('bind page: a name that does not match the number is shown under the name field', async () => {
    reply('GET', '/api/v1/me', level1);
    reply('PUT', '/api/v1/me/identity', 422, {
      error: { code: 'identity_mismatch', message: '姓名与身份证号码不一致，请核对', field: 'name' },
    });
    const page = loadPage('identity');
    page.instance.onLoad({ level: '3' });
    await page.instance.onShow();
    fill(page, { name: '王五', id_number: '330402195803121310', phone: '13800005678' });
    page.querySelector('#submit').instance.triggerEvent('click');
    await settle();
    const fieldError = (field) => page.querySelector(`#field-${field}`).dom.querySelector('.stub-errorMessage').textContent;
    expect(fieldError('name')).toBe('姓名与身份证号码不一致，请核对');
    expect(fieldError('id_number')).toBe('');
    expect(requestsTo('PUT', '/api/v1/me/identity')[0].header.Authorization).toBe('Bearer tok-1');
    expect(wx.showToast).not.toHaveBeenCalled();
    expect(wx.redirectTo).not.toHaveBeenCalled();
    expect(wx.navigateBack).not.toHaveBeenCalled();

    fill(page, { name: '张建国' }); // editing the field clears its error
    expect(fieldError('name')).toBe('');
  });

  test('bind page opened while already bound: on to the face page without a form', async () => {
    reply('GET', '/api/v1/me', level2);
    const page = loadPage('identity');
    page.instance.onLoad({ level: '3' });
    await page.instance.onShow();
    expect(wx.redirectTo).toHaveBeenCalledWith({ url: '/pages/face/face?level=3' });
    expect(requestsTo('PUT', '/api/v1/me/identity')).toHaveLength(0);
  });

  test('face page: a pass that the server counts as level 3 goes back to the page that asked', async () => {
    reply('GET', '/api/v1/me', level2Taken);
    const page = loadPage('face');
    page.instance.onLoad({ level: '3', taken: '1' });
    await page.instance.onShow();
    expect(page.querySelector('#who').dom.textContent).toContain('3304**********1234');
    expect(page.querySelector('#taken')).toBeTruthy();

    await faceRoundTrip(true);
    reply('GET', '/api/v1/me', level3);
    page.querySelector('#face').querySelector('.face-start').instance.triggerEvent('click');
    await settle();

    expect(requestsTo('POST', '/api/v1/face/sessions/sbxface_lv/result')).toHaveLength(1);
    expect(requestsTo('GET', '/api/v1/me')).toHaveLength(2);
    expect(wx.navigateBack).toHaveBeenCalledWith({ delta: 1 });
  });

  test('face page: a failed scan stays, offering another try', async () => {
    reply('GET', '/api/v1/me', level2);
    const page = loadPage('face');
    page.instance.onLoad({ level: '3' });
    await page.instance.onShow();
    await faceRoundTrip(false);
    page.querySelector('#face').querySelector('.face-start').instance.triggerEvent('click');
    await settle();
    expect(page.querySelector('#face').querySelector('.face-result').dom.textContent).toBe('核身未通过，请重试');
    expect(wx.navigateBack).not.toHaveBeenCalled();
  });

  test('payables below level 3: the walk starts, and the page offers it again', async () => {
    reply('GET', '/api/v1/payables', 403, levelRequired(3, 2));
    const page = loadPage('payables');
    await page.instance.onShow();
    await settle();
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/face/face?level=3' });
    expect(page.querySelector('#need-identity')).toBeTruthy();
    expect(wx.showToast).not.toHaveBeenCalled();
    page.querySelector('#go-identity').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenCalledTimes(2);
    expect(wx.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/face/face?level=3' });
  });

  test('me page: shows the level and offers the next step below level 3', async () => {
    reply('GET', '/api/v1/me', level2);
    const page = loadPage('me');
    await page.instance.onShow();
    expect(page.querySelector('#level').dom.textContent).toContain('L2');
    page.querySelector('#level-up').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/face/face?level=3' });

    reply('GET', '/api/v1/me', level3);
    await page.instance.onShow();
    expect(page.querySelector('#level').dom.textContent).toContain('L3');
    expect(page.querySelector('#level-up')).toBeFalsy();
  });
});
