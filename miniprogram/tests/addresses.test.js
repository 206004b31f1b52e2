const { loadPage } = require('./helpers/page');

const texts = (page, selector) => page.querySelectorAll(selector).map((n) => n.dom.textContent.trim());
const book = {
  items: [
    { id: 2, recipient: '李*', phone: '139****9000', province: '浙江省', city: '嘉兴市', district: '南湖区', detail: '南湖路************', is_default: true },
    { id: 1, recipient: '王*明', phone: '138****8000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路**********', is_default: false },
  ],
};

async function open(query = {}) {
  const page = loadPage('addresses');
  await page.instance.onLoad(query);
  await settle();
  return page;
}

function type(page, field, value) {
  page.querySelector(`#field-${field}`).instance.triggerEvent('change', value);
}

describe('address book page (收货地址)', () => {
  beforeEach(() => {
    storage.set('token', 'tok-1');
  });

  test('lists my addresses masked as the server sends them, the default marked', async () => {
    reply('GET', '/api/v1/me/addresses', book);
    const page = await open();
    expect(requestsTo('GET', '/api/v1/me/addresses')[0].header.Authorization).toBe('Bearer tok-1');
    expect(texts(page, '.address-recipient')).toEqual(['李*', '王*明']);
    expect(texts(page, '.address-phone')).toEqual(['139****9000', '138****8000']);
    expect(texts(page, '.address-text')).toEqual(['浙江省嘉兴市南湖区 南湖路************', '浙江省杭州市西湖区 文三路**********']);
    expect(page.querySelectorAll('.address-default')).toHaveLength(1);
  });

  test('adds an address: the form is checked first, then posted, and the list reloaded', async () => {
    reply('GET', '/api/v1/me/addresses', { items: [] });
    const page = await open();
    expect(page.querySelector('#no-addresses')).toBeTruthy();

    page.querySelector('#save').instance.triggerEvent('click');
    await settle();
    expect(page.querySelector('#form-error').dom.textContent).toBe('请填写收件人');
    type(page, 'recipient', '王小明');
    type(page, 'phone', '12345');
    type(page, 'province', '浙江省');
    type(page, 'city', '嘉兴市');
    type(page, 'district', '南湖区');
    type(page, 'detail', '南湖路100号');
    page.querySelector('#save').instance.triggerEvent('click');
    await settle();
    expect(page.querySelector('#form-error').dom.textContent).toBe('手机号码格式不正确');
    expect(requestsTo('POST', '/api/v1/me/addresses')).toHaveLength(0);

    type(page, 'phone', '13800138000');
    reply('POST', '/api/v1/me/addresses', 201, book.items[1]);
    reply('GET', '/api/v1/me/addresses', { items: [book.items[1]] });
    page.querySelector('#save').instance.triggerEvent('click');
    await settle();
    expect(requestsTo('POST', '/api/v1/me/addresses')[0].data).toEqual({
      recipient: '王小明', phone: '13800138000', province: '浙江省', city: '嘉兴市', district: '南湖区',
      detail: '南湖路100号', is_default: true,
    });
    expect(texts(page, '.address-recipient')).toEqual(['王*明']);
    expect(page.instance.data.form.recipient).toBe('');
  });

  test("the server's refusal is shown on the form", async () => {
    reply('GET', '/api/v1/me/addresses', book);
    const page = await open();
    ['recipient', 'province', 'city', 'district', 'detail'].forEach((f) => type(page, f, '测试地址'));
    type(page, 'phone', '13800138000');
    reply('POST', '/api/v1/me/addresses', 409, { error: { code: 'too_many_addresses', message: '最多保存20个地址', field: null } });
    page.querySelector('#save').instance.triggerEvent('click');
    await settle();
    expect(page.querySelector('#form-error').dom.textContent).toBe('最多保存20个地址');
  });

  test('deletes an address', async () => {
    reply('GET', '/api/v1/me/addresses', book);
    const page = await open();
    reply('DELETE', '/api/v1/me/addresses/1', { deleted: 1 });
    reply('GET', '/api/v1/me/addresses', { items: [book.items[0]] });
    page.querySelectorAll('.address-remove')[1].dispatchEvent('tap');
    await settle();
    expect(requestsTo('DELETE', '/api/v1/me/addresses/1')).toHaveLength(1);
    expect(texts(page, '.address-recipient')).toEqual(['李*']);
  });

  test("opened from a case, tapping an address makes it the case's courier address", async () => {
    reply('GET', '/api/v1/me/addresses', book);
    const page = await open({ choose: '330402-20261202-000007' });
    expect(page.querySelector('#choose-hint')).toBeTruthy();
    reply('PUT', '/api/v1/applications/330402-20261202-000007/delivery', { method: 'courier', method_label: '快递寄递' });
    page.querySelectorAll('.address')[0].dispatchEvent('tap');
    await settle();
    expect(requestsTo('PUT', '/api/v1/applications/330402-20261202-000007/delivery')[0].data).toEqual({
      method: 'courier', address_id: 2,
    });
    expect(wx.navigateBack).toHaveBeenCalled();
  });

  test('signed out: asks to sign in', async () => {
    storage.clear();
    const page = await open();
    expect(page.querySelector('#need-login')).toBeTruthy();
    expect(requestsTo('GET', '/api/v1/me/addresses')).toHaveLength(0);
  });
});
