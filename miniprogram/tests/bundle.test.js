const { loadPage } = require('./helpers/page');
const { birthBundleDetail } = require('./fixtures');

test('bundle page renders its services and merged materials; a service opens its guide', async () => {
  reply('GET', '/api/v1/bundles/birth', birthBundleDetail);
  const page = loadPage('bundle');
  page.instance.onLoad({ code: 'birth' });
  await settle();

  const text = page.dom.textContent;
  expect(text).toContain('出生一件事');
  expect(text).toContain('牵头部门：市卫健委 · 承诺 3 个工作日');
  const services = page.querySelectorAll('.service');
  expect(services.map((s) => s.dom.querySelector('.stub-title').textContent)).toEqual(['户口迁入', '城乡居民医保参保登记']);
  const materials = page.querySelector('#materials').dom;
  expect(materials.querySelectorAll('.material-list--material')).toHaveLength(3);
  expect(materials.textContent).toContain('出生登记申请表');

  services[1].instance.triggerEvent('click');
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/service/service?code=YB0301' });

  page.querySelector('#apply').instance.triggerEvent('click');
  expect(wx.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/apply/apply?bundle=birth' });
});
