// 预约办事: hall → service → date → slot, then book. A full slot (409) is toasted by the client and the
// day's slots are read again, so the remaining places shown are current. Opened with ?service=CODE (the
// assistant's booking card) the service is chosen at the first hall offering it; ?hall=ID&date=YYYY-MM-DD (a slot
// card) also choose that hall and day. The appointment reminder consent is asked from the slot tap.
const appointments = require('../../api/appointments');
const auth = require('../../api/auth');
const notifications = require('../../api/notifications');

Component({
  data: {
    state: 'loading', // loading | login | ready | error
    halls: [],
    hall: null,
    service: '',
    dates: [],
    date: '',
    slots: [],
    booking: false,
  },
  methods: {
    async onLoad(options = {}) {
      if (!auth.isLoggedIn()) {
        this.setData({ state: 'login' });
        return;
      }
      notifications.prepare(); // the consent dialog must open from the slot tap: have its templates ready
      let halls;
      try {
        halls = (await appointments.halls()).items || [];
        this.setData({ state: 'ready', halls });
      } catch (err) {
        this.setData({ state: 'error' });
        return;
      }
      if (options.service) await this.preselect(halls, options);
    },

    async preselect(halls, { service, hall: hallId, date }) {
      const offers = (h) => (h.services || []).some((s) => s.code === service);
      const hall = halls.find((h) => String(h.id) === String(hallId) && offers(h)) || halls.find(offers);
      if (!hall) return;
      this.setData({ hall, service, dates: [], date: '', slots: [] });
      await this.loadSlots(date || '');
    },

    pickHall(event) {
      const hall = this.data.halls.find((h) => h.id === event.currentTarget.dataset.id) || null;
      this.setData({ hall, service: '', dates: [], date: '', slots: [] });
    },

    async pickService(event) {
      this.setData({ service: event.currentTarget.dataset.code, date: '', slots: [] });
      await this.loadSlots('');
    },

    async pickDate(event) {
      await this.loadSlots(event.currentTarget.dataset.date);
    },

    async loadSlots(date) {
      const { hall, service } = this.data;
      try {
        const answer = await appointments.slots(hall.id, service, date);
        this.setData({
          dates: answer.dates || [],
          date: answer.date || '',
          slots: (answer.slots || []).map((s) => ({ ...s, full: s.remaining <= 0 })),
        });
      } catch (err) {
        this.setData({ slots: [] });
      }
    },

    async pickSlot(event) {
      const slot = this.data.slots.find((s) => s.id === event.currentTarget.dataset.id);
      if (!slot || slot.full || this.data.booking) return;
      this.setData({ booking: true });
      notifications.ask('book'); // 订阅预约提醒 (from the tap; never holds up booking)
      try {
        await appointments.book(this.data.hall.id, this.data.service, slot.id);
        wx.showToast({ title: '预约成功', icon: 'success' });
        wx.redirectTo({ url: '/pages/appointments/appointments' });
      } catch (err) {
        await this.loadSlots(this.data.date); // the message was toasted; show what is left
      } finally {
        this.setData({ booking: false });
      }
    },

    goMe() {
      wx.switchTab({ url: '/pages/me/me' });
    },
  },
});
