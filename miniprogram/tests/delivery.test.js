const { loadPage } = require('./helpers/page');

const NO = '330402-20261202-000007';
const texts = (page, selector) => page.querySelectorAll(selector).map((n) => n.dom.textContent.trim());
const courierChoice = {
  method: 'courier', method_label: '快递寄递',
  address: { recipient: '王*明', phone: '139****9000', province: '浙江省', city: '嘉兴市', district: '南湖区', detail: '南湖路************' },
};
const parcels = {
  items: [{
    waybill_no: 'SF1234567890123', courier: 'sf', status: 'delivering', status_label: '派送中',
    recipient: { name: '王*明', phone: '139****9000', region: '浙江省嘉兴市南湖区' },
    routes: [
      { stage: 'picked_up', stage_label: '已揽收', at: '2026-12-02T02:00:01+00:00', address: '嘉兴市', remark: '顺丰速运 已收取快件' },
      { stage: 'delivering', stage_label: '派送中', at: '2026-12-02T06:00:03+00:00', address: '嘉兴市', remark: '快件交给派送员，正在派送途中' },
    ],
  }],
};

async function open() {
  const page = loadPage('delivery');
  await page.instance.onLoad({ no: NO });
  await settle();
  return page;
}

describe('delivery page (领取方式与寄递)', () => {
  beforeEach(() => {
    storage.set('token', 'tok-1');
  });

  test("shows the case's choice with its masked address and the parcel's route, newest first", async () => {
    reply('GET', `/api/v1/applications/${NO}/delivery`, courierChoice);
    reply('GET', `/api/v1/applications/${NO}/waybills`, parcels);
    const page = await open();
    expect(page.querySelector('#choice-label').dom.textContent).toBe('快递寄递');
    expect(page.querySelector('#choice-address').dom.textContent).toContain('139****9000');
    expect(texts(page, '.parcel-no')).toEqual(['顺丰 SF1234567890123']);
    expect(texts(page, '.parcel-status')).toEqual(['派送中']);
    expect(texts(page, '.route-stage')).toEqual(['派送中', '已揽收']);
    expect(texts(page, '.route-time')).toEqual(['2026-12-02 14:00', '2026-12-02 10:00']);
    expect(page.querySelector('#method-courier').dom.textContent).toContain('已选择');
  });

  test('choosing 窗口领取 puts it; 快递寄递 goes to the address book to pick the address', async () => {
    reply('GET', `/api/v1/applications/${NO}/delivery`, { method: null, method_label: '未选择（默认窗口领取）', address: null });
    reply('GET', `/api/v1/applications/${NO}/waybills`, { items: [] });
    const page = await open();
    expect(page.querySelector('#choice-address')).toBeFalsy();
    reply('PUT', `/api/v1/applications/${NO}/delivery`, { method: 'window', method_label: '窗口领取', address: null });
    page.querySelector('#method-window').instance.triggerEvent('click');
    await settle();
    expect(requestsTo('PUT', `/api/v1/applications/${NO}/delivery`)[0].data).toEqual({ method: 'window', address_id: null });
    expect(page.querySelector('#choice-label').dom.textContent).toBe('窗口领取');

    page.querySelector('#method-courier').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: `/pages/addresses/addresses?choose=${encodeURIComponent(NO)}` });
    expect(requestsTo('PUT', `/api/v1/applications/${NO}/delivery`)).toHaveLength(1);
  });

  test("a refused choice (after 出证, or one the guide does not allow) shows the server's message", async () => {
    reply('GET', `/api/v1/applications/${NO}/delivery`, courierChoice);
    reply('GET', `/api/v1/applications/${NO}/waybills`, parcels);
    const page = await open();
    reply('PUT', `/api/v1/applications/${NO}/delivery`, 409,
      { error: { code: 'delivery_choice_closed', message: '办件已出证或已办结，不能再更改领取方式', field: null } });
    page.querySelector('#method-locker').instance.triggerEvent('click');
    await settle();
    expect(wx.showToast).toHaveBeenCalledWith({ title: '办件已出证或已办结，不能再更改领取方式', icon: 'none' });
    expect(page.querySelector('#choice-label').dom.textContent).toBe('快递寄递');
  });
});
