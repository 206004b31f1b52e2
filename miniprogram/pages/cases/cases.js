// 办件 (tabBar): my cases, newest first. Pull down to refresh, reach the bottom for the next page;
// 扫码查进度 opens the public tracking page of a scanned receipt.
const applications = require('../../api/applications');
const auth = require('../../api/auth');
const { dueFlag, localTime } = require('../../utils/format');
const { scanToTrack } = require('../../utils/scan');

const PAGE_SIZE = 20;

function toRow(c) {
  return {
    no: c.acceptance_no,
    name: c.subject.name,
    status: c.status,
    statusLabel: c.status_label,
    department: c.lead_department.name,
    submitted: localTime(c.submitted_at),
    due: c.due_date || '',
    flag: dueFlag(c.flag),
  };
}

Component({
  data: {
    loggedIn: false,
    items: [],
    total: 0,
    page: 0,
    loading: false,
    loaded: false, // the first page has arrived
  },
  methods: {
    onShow() {
      if (!auth.isLoggedIn()) {
        this.setData({ loggedIn: false, items: [], total: 0, page: 0, loaded: false });
        return Promise.resolve(false);
      }
      this.setData({ loggedIn: true });
      return this.load(1); // a tab page: back from a case, its status may have moved
    },

    async onPullDownRefresh() {
      try {
        if (auth.isLoggedIn()) await this.load(1);
      } finally {
        wx.stopPullDownRefresh();
      }
    },

    onReachBottom() {
      const { loading, items, total, page } = this.data;
      if (loading || !this.data.loaded || items.length >= total) return Promise.resolve(false);
      return this.load(page + 1);
    },

    // Loads one page (1 replaces the list); a newer load wins over one still in flight.
    async load(page) {
      const seq = (this.seq || 0) + 1;
      this.seq = seq;
      this.setData({ loading: true });
      try {
        const answer = await applications.mine(page, PAGE_SIZE);
        if (seq !== this.seq) return false;
        const rows = answer.items.map(toRow);
        this.setData({
          items: page === 1 ? rows : this.data.items.concat(rows),
          total: answer.total,
          page: answer.page,
          loaded: true,
        });
        return true;
      } catch (err) {
        if (!auth.isLoggedIn()) this.setData({ loggedIn: false, items: [], loaded: false }); // a 401 cleared the token
        return false;
      } finally {
        if (seq === this.seq) this.setData({ loading: false });
      }
    },

    openCase(event) {
      wx.navigateTo({ url: `/pages/case/case?no=${encodeURIComponent(event.currentTarget.dataset.no)}` });
    },

    onScan() {
      return scanToTrack();
    },

    goLogin() {
      wx.switchTab({ url: '/pages/me/me' });
    },
  },
});
