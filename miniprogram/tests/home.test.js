const { loadPage } = require('./helpers/page');
const { home, socialCard } = require('./fixtures');

function texts(page, selector) {
  return page.querySelectorAll(selector).map((cell) => cell.dom.querySelector('.stub-title').textContent);
}

describe('home page', () => {
  let page;
  beforeEach(async () => {
    reply('GET', '/api/v1/home', home);
    page = loadPage('home');
    page.instance.onLoad({});
    await settle();
  });

  test('renders hot services, bundles and the notice from the API', () => {
    expect(texts(page, '#hot .service')).toEqual(['户口迁入', '社保卡申领']);
    expect(texts(page, '#bundles .bundle')).toEqual(['出生一件事']);
    expect(page.querySelector('#notice').dom.textContent).toBe('五一假期期间窗口暂停服务，掌上办照常受理');
    expect(page.dom.textContent).toContain('市公安局 · 掌上办 · 窗口办');
  });

  test('tapping a service or a bundle opens its page', () => {
    page.querySelectorAll('#hot .service')[1].instance.triggerEvent('click');
    page.querySelector('#bundles .bundle').instance.triggerEvent('click');

    expect(wx.navigateTo.mock.calls).toEqual([
      [{ url: '/pages/service/service?code=RS0201' }],
      [{ url: '/pages/bundle/bundle?code=birth' }],
    ]);
  });

  test('the booking entries open the booking page and my appointments', () => {
    page.querySelector('#book').instance.triggerEvent('click');
    page.querySelector('#appointments').instance.triggerEvent('click');
    expect(wx.navigateTo.mock.calls).toEqual([
      [{ url: '/pages/book/book' }],
      [{ url: '/pages/appointments/appointments' }],
    ]);
  });

  test('search calls the search API and shows its results instead of the home lists', async () => {
    reply('GET', '/api/v1/services', { items: [socialCard], total: 1, page: 1, page_size: 20 });

    page.querySelector('#search').instance.triggerEvent('search', ' 社保 ');
    await settle();

    expect(requestsTo('GET', '/api/v1/services').map((r) => r.query)).toEqual([{ q: '社保' }]);
    expect(texts(page, '#results .service')).toEqual(['社保卡申领']);
    expect(page.querySelector('#hot')).toBeFalsy();

    page.querySelector('#results .service').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/service/service?code=RS0201' });

    page.querySelector('#search').instance.triggerEvent('clear');
    expect(page.querySelector('#results')).toBeFalsy();
    expect(texts(page, '#hot .service')).toHaveLength(2);
  });

  test('a search without hits says so', async () => {
    reply('GET', '/api/v1/services', { items: [], total: 0, page: 1, page_size: 20 });

    page.querySelector('#search').instance.triggerEvent('search', '不存在的事项');
    await settle();

    expect(page.dom.textContent).toContain('未找到相关事项');
  });
});
