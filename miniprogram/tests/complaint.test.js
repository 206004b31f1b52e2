const { loadPage } = require('./helpers/page');

const texts = (page, selector) => page.querySelectorAll(selector).map((n) => n.dom.textContent.trim());

const answered = {
  id: 3, title: '办事太慢', category_label: '办事效率', department: { code: 'gjj', name: '市住房公积金中心' },
  status: 'closed', status_label: '已答复', due_date: '2026-12-02', flag: null, reply: '已加快办理。',
  can_rate: true, rating: null,
};
const open1 = {
  id: 2, title: '窗口排队久', category_label: '服务态度', department: { code: 'zhengwu', name: '市政务服务中心' },
  status: 'open', status_label: '处理中', due_date: '2026-11-26', flag: 'yellow', reply: null, can_rate: false, rating: null,
};

async function open(query = {}) {
  const page = loadPage('complaint');
  await page.instance.onLoad(query);
  await settle();
  return page;
}

const tap = (node) => node.dispatchEvent('tap');

describe('complaint page (咨询投诉) and the rating component', () => {
  beforeEach(() => {
    storage.set('token', 'tok-1');
  });

  test('lists my complaints with status, due date, flag and reply; an answered one can be rated', async () => {
    reply('GET', '/api/v1/complaints', { items: [answered, open1] });
    const page = await open();
    expect(texts(page, '.complaint-title-text')).toEqual(['办事太慢', '窗口排队久']);
    expect(texts(page, '.complaint-status')).toEqual(['已答复', '处理中']);
    expect(texts(page, '.complaint-reply')).toEqual(['答复：已加快办理。']);
    expect(page.dom.textContent).toContain('即将到期');
    expect(page.querySelector('#rating-3')).toBeTruthy();
    expect(page.querySelector('#rating-2')).toBeFalsy();
  });

  test('the form checks its fields before sending', async () => {
    reply('GET', '/api/v1/complaints', { items: [] });
    const page = await open();
    expect(await page.instance.submit()).toBeNull();
    expect(texts(page, '.error')).toEqual(['请选择投诉类别', '请填写标题（至少2个字）', '请描述具体情况（至少5个字）']);
    expect(requestsTo('POST', '/api/v1/complaints')).toHaveLength(0);
  });

  test('files a complaint with category, text, an uploaded photo and the case it is about', async () => {
    reply('GET', '/api/v1/complaints', { items: [] });
    reply('POST', '/api/v1/uploads', 201, { id: 'a'.repeat(32), name: 'photo-1.jpg', size: 204800 });
    reply('POST', '/api/v1/complaints', 201, { ...open1, id: 9, title: '材料丢失', flag: null });
    const page = await open({ no: '330402-20261125-000001', service: 'GJJ005' });
    tap(page.querySelectorAll('.category')[1]);
    page.instance.onTitle({ detail: { value: '材料丢失' } });
    page.instance.onText({ detail: { value: '交的材料窗口说找不到了。' } });
    await page.instance.addFile();
    await settle();
    expect(texts(page, '.file-name')).toEqual(['photo-1.jpg']);
    await page.instance.submit();
    await settle();
    expect(requestsTo('POST', '/api/v1/complaints')[0].data).toEqual({
      category: 'efficiency', title: '材料丢失', text: '交的材料窗口说找不到了。', attachments: ['a'.repeat(32)],
      acceptance_no: '330402-20261125-000001', service: 'GJJ005',
    });
    expect(wx.showToast).toHaveBeenCalledWith({ title: '已提交，市政务服务中心将于2026-11-26前答复', icon: 'none' });
    expect(texts(page, '.complaint-title-text')).toEqual(['材料丢失']);
    expect(page.instance.data.title).toBe('');
  });

  test('the rating component: stars, tags by score, comment, one submit; a bad one says it goes to rectification', async () => {
    reply('GET', '/api/v1/complaints', { items: [answered] });
    reply('POST', '/api/v1/ratings', 201, { id: 5, score: 1, rectification: { id: 2, status: 'open' } });
    const page = await open();
    const rating = page.querySelector('#rating-3');
    const r = rating.instance;
    expect(await r.submit()).toBeNull();
    expect(r.data.error).toBe('请先选择评分');
    r.pick({ currentTarget: { dataset: { score: 5 } } });
    expect(r.data.tags).toContain('效率高');
    r.pick({ currentTarget: { dataset: { score: 1 } } });
    expect(r.data.tags).toContain('效率低');
    r.toggleTag({ currentTarget: { dataset: { tag: '效率低' } } });
    r.onComment({ detail: { value: '跑了三次' } });
    await r.submit();
    await settle();
    expect(requestsTo('POST', '/api/v1/ratings')[0].data).toEqual({
      target_type: 'complaint', target_id: '3', score: 1, tags: ['效率低'], comment: '跑了三次',
    });
    expect(rating.dom.textContent).toContain('感谢您的评价');
    expect(rating.dom.textContent).toContain('整改');
    expect(requestsTo('GET', '/api/v1/complaints')).toHaveLength(2); // reloaded after rating
    await r.submit();
    expect(requestsTo('POST', '/api/v1/ratings')).toHaveLength(1);
  });

  test('signed out: asks to log in', async () => {
    storage.delete('token');
    const page = await open();
    expect(page.querySelector('#need-login')).toBeTruthy();
  });
});
