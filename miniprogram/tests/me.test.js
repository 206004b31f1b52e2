const { loadPage } = require('./helpers/page');
const { citizen, verifiedCitizen } = require('./fixtures');

function fill(page, values) {
  Object.keys(values).forEach((field) => {
    page.querySelector(`#field-${field}`).instance.triggerEvent('change', values[field]);
  });
}

function fieldError(page, field) {
  return page.querySelector(`#field-${field}`).dom.querySelector('.stub-errorMessage').textContent;
}

describe('me page', () => {
  let page;
  beforeEach(() => {
    page = loadPage('me');
  });

  test('signed out: shows the 登录 button; login goes through the sandbox code and shows the identity form', async () => {
    reply('POST', '/sandbox/wechat/codes', { code: 'c-1', openid: 'o-1' });
    reply('POST', '/api/v1/auth/wechat', { token: 'tok-1', expires_at: '2030-01-01T00:00:00Z', user: citizen });

    await page.instance.onShow();
    expect(page.querySelector('#login')).toBeTruthy();
    expect(page.querySelector('#identity-form')).toBeFalsy();

    page.querySelector('#login').instance.triggerEvent('click');
    await settle();

    expect(requestsTo('POST', '/api/v1/auth/wechat')[0].data).toEqual({ code: 'c-1' });
    expect(storage.get('token')).toBe('tok-1');
    expect(page.querySelector('#login')).toBeFalsy();
    expect(page.querySelector('#identity-form')).toBeTruthy();
  });

  test('signed in and verified: shows the masked identity', async () => {
    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/me', verifiedCitizen);

    await page.instance.onShow();

    const text = page.querySelector('#identity').dom.textContent;
    expect(text).toContain('张*三');
    expect(text).toContain('3304**********1234');
    expect(text).toContain('138****5678');
    expect(text).toContain('群众');

    page.querySelector('#open-payables').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/payables/payables' });
    page.querySelector('#open-payments').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/payments/payments' });
    page.querySelector('#open-appointments').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/appointments/appointments' });
  });

  test('binding the identity PUTs the form and then shows the masked identity', async () => {
    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/me', citizen);
    reply('PUT', '/api/v1/me/identity', verifiedCitizen);
    await page.instance.onShow();

    fill(page, { name: '张三', id_number: '330400199001011234', phone: '13800005678' });
    page.querySelector('#submit').instance.triggerEvent('click');
    await settle();

    const [put] = requestsTo('PUT', '/api/v1/me/identity');
    expect(put.data).toEqual({ name: '张三', id_number: '330400199001011234', phone: '13800005678' });
    expect(put.header.Authorization).toBe('Bearer tok-1');
    expect(page.querySelector('#identity-form')).toBeFalsy();
    expect(page.querySelector('#identity').dom.textContent).toContain('3304**********1234');
  });

  test('a 422 shows the server message under the field it names, without a toast', async () => {
    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/me', citizen);
    reply('PUT', '/api/v1/me/identity', 422, {
      error: { code: 'invalid_id_number', message: '身份证号校验位不正确', field: 'id_number' },
    });
    await page.instance.onShow();

    fill(page, { name: '张三', id_number: '330400199001011235', phone: '13800005678' });
    page.querySelector('#submit').instance.triggerEvent('click');
    await settle();

    expect(fieldError(page, 'id_number')).toBe('身份证号校验位不正确');
    expect(fieldError(page, 'name')).toBe('');
    expect(fieldError(page, 'phone')).toBe('');
    expect(wx.showToast).not.toHaveBeenCalled();
    expect(page.querySelector('#identity-form')).toBeTruthy();

    // Editing the field clears its error.
    fill(page, { id_number: '330400199001011234' });
    expect(fieldError(page, 'id_number')).toBe('');
  });

  test('an expired session shows the 登录 button again; 退出登录 forgets the token', async () => {
    storage.set('token', 'old');
    reply('GET', '/api/v1/me', 401, { error: { code: 'unauthorized', message: '登录已过期，请重新登录', field: null } });
    await page.instance.onShow();
    expect(storage.has('token')).toBe(false);
    expect(page.querySelector('#login')).toBeTruthy();

    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/me', verifiedCitizen);
    await page.instance.onShow();
    page.querySelector('#logout').instance.triggerEvent('click');

    expect(storage.has('token')).toBe(false);
    expect(page.querySelector('#login')).toBeTruthy();
    expect(page.querySelector('#identity')).toBeFalsy();
  });
});
