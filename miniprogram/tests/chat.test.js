const { loadPage } = require('./helpers/page');

const texts = (page, selector) => page.querySelectorAll(selector).map((n) => n.dom.textContent.trim());

const greeting = {
  session: { id: 7, status: 'bot', queue_position: null },
  messages: [
    { id: 1, sender: 'bot', type: 'text', text: '您好，我是掌办智能助手。' },
    { id: 2, sender: 'bot', type: 'quick_replies', options: [{ label: '我的办件', text: '我的办件' }, { label: '转人工', text: '转人工' }] },
  ],
};

const howto = {
  message: { id: 3, sender: 'citizen', type: 'text', text: '身份证过期了怎么办' },
  replies: [
    { id: 4, sender: 'bot', type: 'text', text: '为您找到“居民身份证换领”' },
    { id: 5, sender: 'bot', type: 'card', card: 'guide', service: 'GA0002', title: '居民身份证换领', subtitle: '市公安局', path: '/pages/service/service?code=GA0002' },
    { id: 6, sender: 'bot', type: 'card', card: 'booking', service: 'GA0002', title: '预约办理：居民身份证换领', subtitle: '市公安局', path: '/pages/book/book?service=GA0002' },
    { id: 7, sender: 'bot', type: 'card', card: 'slot', service: 'GA0002', slot: 31, hall: { id: 1, name: '南湖区行政服务中心' }, date: '2026-11-30', time: '09:00-09:30', remaining: 2, title: '南湖区行政服务中心', subtitle: '2026-11-30 09:00-09:30 · 余2个号', path: '/pages/book/book?service=GA0002&hall=1&date=2026-11-30' },
  ],
  session: { id: 7, status: 'bot', queue_position: null },
};

let socket;
function fakeSocket() {
  socket = { handlers: [], onMessage: jest.fn((fn) => socket.handlers.push(fn)), close: jest.fn() };
  return socket;
}

async function open() {
  const page = loadPage('chat');
  await page.instance.onLoad({});
  await settle();
  return page;
}

describe('chat page (智能咨询, the first tab)', () => {
  beforeEach(() => {
    storage.set('token', 'tok-1');
    wx.connectSocket = jest.fn(() => fakeSocket());
  });

  afterEach(() => {
    delete wx.connectSocket;
  });

  test('starts a conversation, shows the greeting and listens on the WebSocket with the token', async () => {
    reply('POST', '/api/v1/chat/sessions', 201, greeting);
    const page = await open();
    expect(texts(page, '.bubble')).toEqual(['您好，我是掌办智能助手。']);
    expect(texts(page, '.quick-reply')).toEqual(['我的办件', '转人工']);
    expect(storage.get('chat_session')).toBe(7);
    const call = wx.connectSocket.mock.calls[0][0];
    expect(call.url).toBe('ws://127.0.0.1:8000/ws/chat/7?after=2');
    expect(call.header.Authorization).toBe('Bearer tok-1');
  });

  test('sends a question and renders text and cards; a card opens its page', async () => {
    reply('POST', '/api/v1/chat/sessions', 201, greeting);
    reply('POST', '/api/v1/chat/sessions/7/messages', 201, howto);
    const page = await open();
    page.instance.onInput({ detail: { value: '身份证过期了怎么办' } });
    await page.instance.onSend();
    await settle();
    expect(requestsTo('POST', '/api/v1/chat/sessions/7/messages')[0].data).toEqual({ text: '身份证过期了怎么办' });
    expect(texts(page, '.card-title')).toEqual(['居民身份证换领', '预约办理：居民身份证换领', '南湖区行政服务中心']);
    expect(texts(page, '.card-slot .card-subtitle')).toEqual(['2026-11-30 09:00-09:30 · 余2个号']);
    expect(page.querySelectorAll('.mine')).toHaveLength(1);
    page.querySelectorAll('.card')[1].dispatchEvent('tap');
    await settle();
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/book/book?service=GA0002' });
    page.querySelectorAll('.card')[2].dispatchEvent('tap');
    await settle();
    expect(wx.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/book/book?service=GA0002&hall=1&date=2026-11-30' });
    expect(page.instance.data.draft).toBe('');
  });

  test('a quick reply sends its text; the hand-off shows the place in the queue', async () => {
    reply('POST', '/api/v1/chat/sessions', 201, greeting);
    reply('POST', '/api/v1/chat/sessions/7/messages', 201, {
      message: { id: 3, sender: 'citizen', type: 'text', text: '转人工' },
      replies: [{ id: 4, sender: 'system', type: 'handoff', text: '正在为您转接，您前面还有 2 位。服务时间：工作日 09:00-17:00。', position: 3 }],
      session: { id: 7, status: 'queued', queue_position: 3 },
    });
    const page = await open();
    page.querySelectorAll('.quick-reply')[1].dispatchEvent('tap');
    await settle();
    expect(requestsTo('POST', '/api/v1/chat/sessions/7/messages')[0].data).toEqual({ text: '转人工' });
    expect(page.querySelector('#status-tip').dom.textContent).toBe('正在等待人工客服，您前面还有 2 位');
    expect(texts(page, '.bubble')).toContain('正在为您转接，您前面还有 2 位。服务时间：工作日 09:00-17:00。');
  });

  test("an agent's answer arrives on the WebSocket once; a closing asks for a rating", async () => {
    reply('POST', '/api/v1/chat/sessions', 201, greeting);
    const page = await open();
    const push = (m) => socket.handlers.forEach((fn) => fn({ data: JSON.stringify(m) }));
    push({ id: 10, sender: 'agent', type: 'text', text: '您好，请问有什么可以帮您？' });
    push({ id: 10, sender: 'agent', type: 'text', text: '您好，请问有什么可以帮您？' });
    push({ id: 11, sender: 'system', type: 'rating', target_type: 'chat', target_id: '7', text: '请为本次服务评价' });
    await settle();
    expect(texts(page, '.bubble')).toEqual(['您好，我是掌办智能助手。', '您好，请问有什么可以帮您？', '请为本次服务评价']);
    const rating = page.querySelector('#rating-11');
    expect(rating.dom.querySelectorAll('.rating--rating-star')).toHaveLength(5);
    expect(rating.instance.data.targetType).toBe('chat');
    expect(rating.instance.data.targetId).toBe('7');
    expect(page.instance.data.status).toBe('closed');
  });

  test('an empty or too long message is not sent', async () => {
    reply('POST', '/api/v1/chat/sessions', 201, greeting);
    const page = await open();
    expect(await page.instance.send('   ')).toBe(false);
    expect(await page.instance.send('办'.repeat(501))).toBe(false);
    expect(wx.showToast).toHaveBeenCalledWith({ title: '消息不能超过500个字', icon: 'none' });
    expect(requestsTo('POST', '/api/v1/chat/sessions/7/messages')).toHaveLength(0);
  });

  test('an open conversation is resumed; signed out asks to log in', async () => {
    storage.set('chat_session', 7);
    reply('GET', '/api/v1/chat/sessions/7', { ...greeting, session: { id: 7, status: 'agent' } });
    const page = await open();
    expect(requestsTo('POST', '/api/v1/chat/sessions')).toHaveLength(0);
    expect(page.querySelector('#status-tip').dom.textContent).toBe('人工客服为您服务中');

    storage.delete('token');
    const out = await open();
    expect(out.querySelector('#need-login')).toBeTruthy();
  });
});
