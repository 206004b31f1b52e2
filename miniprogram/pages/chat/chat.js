// 智能咨询 (the first tab): a conversation with the assistant — text, cards (guide, case, booking, slot, payable,
// complaint), quick replies — that a staff agent takes over after 转人工. New messages also arrive on the
// conversation's WebSocket (the agent's answers); each message is shown once, by id.
const chat = require('../../api/chat');
const auth = require('../../api/auth');

const SESSION_KEY = 'chat_session';
const MAX_CHARS = 500;
const STATUS_TIPS = { queued: '正在等待人工客服', agent: '人工客服为您服务中', closed: '会话已结束' };

function toView(m) {
  return {
    id: m.id,
    sender: m.sender,
    mine: m.sender === 'citizen',
    type: m.type,
    text: m.text || '',
    card: m.card || '',
    title: m.title || '',
    subtitle: m.subtitle || '',
    path: m.path || '',
    options: m.options || [],
    targetType: m.target_type || '',
    targetId: m.target_id || '',
  };
}

Component({
  data: {
    state: 'loading', // loading | login | ready | error
    sessionId: 0,
    status: '',
    tip: '',
    messages: [],
    draft: '',
    sending: false,
    scrollTo: '',
  },
  methods: {
    onLoad() {
      return this.load();
    },

    onUnload() {
      if (this.socket) this.socket.close({});
      this.socket = null;
    },

    async load() {
      if (!auth.isLoggedIn()) {
        this.setData({ state: 'login' });
        return false;
      }
      try {
        let answer = null;
        const saved = Number(wx.getStorageSync(SESSION_KEY) || 0);
        if (saved) {
          answer = await chat.show(saved, { silent: true }).catch(() => null);
          if (answer && answer.session.status === 'closed') answer = null;
        }
        if (!answer) answer = await chat.start();
        wx.setStorageSync(SESSION_KEY, answer.session.id);
        this.setData({ state: 'ready', sessionId: answer.session.id, messages: [] });
        this.applySession(answer.session);
        this.append(answer.messages);
        this.listen();
        return true;
      } catch (err) {
        this.setData({ state: auth.isLoggedIn() ? 'error' : 'login' });
        return false;
      }
    },

    listen() {
      const last = this.data.messages.length ? this.data.messages[this.data.messages.length - 1].id : 0;
      this.socket = chat.connect(this.data.sessionId, last);
      if (!this.socket) return;
      this.socket.onMessage((event) => {
        try {
          const message = JSON.parse(event.data);
          this.append([message]);
          if (message.sender === 'system' && message.type === 'rating') this.applySession({ status: 'closed' });
          else if (message.sender === 'agent') this.applySession({ status: 'agent' });
        } catch (err) {
          // not a message: ignore
        }
      });
    },

    applySession(session) {
      const position = session.queue_position ? `，您前面还有 ${session.queue_position - 1} 位` : '';
      this.setData({ status: session.status, tip: (STATUS_TIPS[session.status] || '') + (session.status === 'queued' ? position : '') });
    },

    // Adds messages not shown yet, in id order.
    append(list) {
      const seen = new Set(this.data.messages.map((m) => m.id));
      const fresh = (list || []).filter((m) => !seen.has(m.id)).map(toView);
      if (!fresh.length) return;
      const messages = this.data.messages.concat(fresh).sort((a, b) => a.id - b.id);
      this.setData({ messages, scrollTo: `m${messages[messages.length - 1].id}` });
    },

    onInput(event) {
      this.setData({ draft: String(event.detail.value || '') });
    },

    async send(text) {
      const value = String(typeof text === 'string' ? text : this.data.draft).trim();
      if (!value || this.data.sending) return false;
      if (value.length > MAX_CHARS) {
        wx.showToast({ title: `消息不能超过${MAX_CHARS}个字`, icon: 'none' });
        return false;
      }
      if (this.data.status === 'closed') {
        wx.removeStorageSync(SESSION_KEY);
        await this.load();
      }
      this.setData({ sending: true });
      try {
        const answer = await chat.send(this.data.sessionId, value);
        this.setData({ draft: '' });
        this.append([answer.message].concat(answer.replies));
        this.applySession(answer.session);
        return true;
      } catch (err) {
        return false;
      } finally {
        this.setData({ sending: false });
      }
    },

    onSend() {
      return this.send(this.data.draft);
    },

    onQuickReply(event) {
      return this.send(event.currentTarget.dataset.text);
    },

    openCard(event) {
      const { path, card } = event.currentTarget.dataset;
      if (!path) return;
      if (['case', 'guide', 'payable', 'booking', 'slot', 'complaint'].includes(card)) {
        wx.navigateTo({ url: path });
      }
    },

    async endChat() {
      if (!this.data.sessionId || this.data.status === 'closed') return;
      try {
        const answer = await chat.close(this.data.sessionId);
        this.append(answer.messages);
        this.applySession(answer.session);
      } catch (err) {
        // toasted by the client
      }
    },

    goMe() {
      wx.switchTab({ url: '/pages/me/me' });
    },
  },
});
