// 我的预约: each appointment with its check-in QR (shown at the hall's kiosk), its queue ticket once checked in
// ("前面还有 N 人"), cancelling (a second tap confirms), and the rating of the window visit once it is finished
// (the server says "rateable").
const appointments = require('../../api/appointments');
const auth = require('../../api/auth');
const refresh = require('../../behaviors/refresh');

const STATUS = { booked: '待签到', checked_in: '已签到', cancelled: '已取消', no_show: '已爽约' };

function toRow(a) {
  const ticket = a.ticket || null;
  return {
    id: a.id,
    code: a.code,
    hall: a.hall.name,
    address: a.hall.address,
    service: a.service.name,
    when: a.when,
    status: a.status,
    statusLabel: STATUS[a.status] || a.status,
    qr: a.status === 'booked' ? a.qr || '' : '',
    cancellable: a.status === 'booked',
    ticket: ticket ? ticket.number : '',
    ahead: ticket && ticket.ahead_text ? ticket.ahead_text : '',
    window: ticket && ticket.window ? `请到 ${ticket.window}` : '',
    rateable: Boolean(a.rateable && a.rating_target),
    ratingType: a.rating_target ? a.rating_target.target_type : '',
    ratingId: a.rating_target ? a.rating_target.target_id : '',
  };
}

Component({
  behaviors: [refresh],
  data: {
    state: 'loading', // loading | login | ready | error
    items: [],
    confirming: null,
  },
  methods: {
    onShow() {
      return this.load();
    },

    async load() {
      if (!auth.isLoggedIn()) {
        this.setData({ state: 'login', items: [] });
        return false;
      }
      try {
        const answer = await appointments.mine();
        this.setData({ state: 'ready', items: (answer.items || []).map(toRow), confirming: null });
        return true;
      } catch (err) {
        this.setData({ state: auth.isLoggedIn() ? 'error' : 'login', items: [] });
        return false;
      }
    },

    async cancel(event) {
      const { id } = event.currentTarget.dataset;
      if (this.data.confirming !== id) {
        this.setData({ confirming: id });
        return;
      }
      try {
        await appointments.cancel(id);
        wx.showToast({ title: '已取消预约', icon: 'success' });
      } catch (err) {
        // toasted by the client (e.g. too late to cancel)
      }
      await this.load();
    },

    preview(event) {
      wx.previewImage({ urls: [event.currentTarget.dataset.src] });
    },

    book() {
      wx.navigateTo({ url: '/pages/book/book' });
    },

    goMe() {
      wx.switchTab({ url: '/pages/me/me' });
    },
  },
});
