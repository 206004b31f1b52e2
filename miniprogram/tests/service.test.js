const { loadPage } = require('./helpers/page');
const { hukouGuide } = require('./fixtures');

// The material-list component on the page: its rendered names and its 免提交 badges.
// miniprogram-simulate prefixes a component's classes with its tag name (material-list--).
function materials(page) {
  const list = page.querySelector('#materials');
  return {
    names: Array.from(list.dom.querySelectorAll('.material-list--material-name')).map((n) => n.textContent),
    badges: Array.from(list.dom.querySelectorAll('van-tag')).filter((t) => t.textContent === '免提交').length,
    text: list.dom.textContent,
  };
}

function cellValue(page, selector) {
  return page.querySelector(selector).dom.querySelector('.stub-value').textContent;
}

describe('service page', () => {
  let page;
  beforeEach(async () => {
    reply('GET', '/api/v1/services/GA0101', ({ query }) => ({
      status: 200, body: hukouGuide(query.answers ? JSON.parse(query.answers) : {}),
    }));
    page = loadPage('service');
    page.instance.onLoad({ code: 'GA0101' });
    await settle();
  });

  test('renders the guide: department, kind, stars, channels, time limits, fees in yuan', () => {
    const text = page.dom.textContent;
    expect(requestsTo('GET', '/api/v1/services/GA0101')[0].query).toEqual({});
    expect(text).toContain('户口迁入');
    expect(text).toContain('行政确认 · 市公安局');
    expect(text).toContain('★★★★☆');
    expect(text).toContain('掌上办 · 窗口办');
    expect(cellValue(page, '#time-limit')).toBe('即办');
    expect(text).toContain('法定 20 个工作日');
    expect(cellValue(page, '#fee-total')).toBe('¥8.50');
    expect(cellValue(page, '.fee')).toBe('¥8.50');
    expect(text).toContain('1. 在本市有合法稳定住所');
    expect(text).toContain('《中华人民共和国户口登记条例》第十条');
    expect(text).toContain('集体户口可以迁入吗？');
    expect(text).toContain('咨询电话：0571-87280000');
  });

  test('shared materials carry a 免提交 badge with their source label', () => {
    const list = materials(page);
    expect(list.names).toEqual(['居民身份证', '居民户口簿', '户口迁移申请表']);
    expect(list.badges).toBe(2);
    expect(list.text).toContain('由电子证照库·居民户口簿共享获取');
    expect(list.text).toContain('原件 1 份');
  });

  test('changing a situation answer re-requests the guide and re-renders materials and promised days', async () => {
    expect(page.dom.textContent).toContain('迁出地是否为本市？');
    const group = page.querySelector('#situations .situation-options');
    expect(group.data.value).toBe('yes');

    group.instance.triggerEvent('change', 'no');
    await settle();

    const guideRequests = requestsTo('GET', '/api/v1/services/GA0101');
    expect(guideRequests).toHaveLength(2);
    expect(JSON.parse(guideRequests[1].query.answers)).toEqual({ local_hukou: 'no' });
    const list = materials(page);
    expect(list.names).toHaveLength(5);
    expect(list.names).toContain('准予迁入证明');
    expect(list.badges).toBe(3);
    expect(list.text).toContain('由不动产登记信息共享获取');
    expect(cellValue(page, '#time-limit')).toBe('承诺 5 个工作日');
    expect(page.querySelector('#situations .situation-options').data.value).toBe('no');
  });

  test('在线申请 opens the apply page with the current situation answers', async () => {
    page.querySelector('#situations .situation-options').instance.triggerEvent('change', 'no');
    await settle();

    page.querySelector('#apply').instance.triggerEvent('click');

    const { url } = wx.navigateTo.mock.calls[0][0];
    const [path, search] = url.split('?');
    const query = Object.fromEntries(search.split('&').map((pair) => pair.split('=')));
    expect(path).toBe('/pages/apply/apply');
    expect(query.service).toBe('GA0101');
    expect(JSON.parse(decodeURIComponent(query.answers))).toEqual({ local_hukou: 'no' });
  });

  test('a failed re-request restores the previous answer', async () => {
    reply('GET', '/api/v1/services/GA0101', 500, { error: { code: 'internal', message: '系统错误', field: null } });

    page.querySelector('#situations .situation-options').instance.triggerEvent('change', 'no');
    await settle();

    expect(wx.showToast).toHaveBeenCalledWith({ title: '系统错误', icon: 'none' });
    expect(page.instance.data.answers).toEqual({ local_hukou: 'yes' });
    expect(materials(page).names).toHaveLength(3);
  });
});
