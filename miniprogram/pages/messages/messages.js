// 消息中心: my notifications, newest first (case progress, 补正, appointments, payments, replies). Tapping one
// marks it read and opens the page it is about; "全部已读" marks them all.
const notifications = require('../../api/notifications');
const auth = require('../../api/auth');

function toRow(m) {
  return {
    id: m.id, title: m.title, body: m.body, time: m.created_local || '', read: Boolean(m.read),
    link: m.link ? `/${String(m.link).replace(/^\//, '')}` : '',
  };
}

Component({
  data: {
    state: 'loading', // loading | login | ready | error
    items: [],
    unread: 0,
    page: 1,
    more: false,
  },
  methods: {
    onShow() {
      return this.load(1);
    },

    async onPullDownRefresh() {
      try {
        await this.load(1);
      } finally {
        wx.stopPullDownRefresh();
      }
    },

    onReachBottom() {
      if (this.data.more) return this.load(this.data.page + 1);
      return null;
    },

    async load(page) {
      if (!auth.isLoggedIn()) {
        this.setData({ state: 'login', items: [], unread: 0 });
        return false;
      }
      try {
        const answer = await notifications.inbox({ page });
        const rows = (answer.items || []).map(toRow);
        const items = page === 1 ? rows : this.data.items.concat(rows);
        this.setData({
          state: 'ready', items, unread: answer.unread || 0, page, more: items.length < (answer.total || 0),
        });
        return true;
      } catch (err) {
        this.setData({ state: auth.isLoggedIn() ? 'error' : 'login' }); // toasted by the client
        return false;
      }
    },

    async openMessage(event) {
      const { id } = event.currentTarget.dataset;
      const index = this.data.items.findIndex((m) => m.id === id);
      if (index < 0) return;
      const row = this.data.items[index];
      if (!row.read) {
        this.setData({ [`items[${index}].read`]: true, unread: Math.max(0, this.data.unread - 1) });
        notifications.markRead(id).catch(() => {}); // best effort: the next load shows the server's view
      }
      if (row.link) wx.navigateTo({ url: row.link });
    },

    async readAll() {
      if (!this.data.unread) return;
      try {
        await notifications.markAllRead();
        this.setData({ items: this.data.items.map((m) => ({ ...m, read: true })), unread: 0 });
      } catch (err) {
        // toasted by the client
      }
    },

    goMe() {
      wx.switchTab({ url: '/pages/me/me' });
    },
  },
});
