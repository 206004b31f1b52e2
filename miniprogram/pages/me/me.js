// 我的: login state, 实名等级 (binding and face verification happen on pages/identity and pages/face),
// 我的缴费 / 缴费记录 and 退出登录.
const auth = require('../../api/auth');
const { roleLabel } = require('../../utils/format');
const level = require('../../utils/level');

Component({
  data: {
    loggedIn: false,
    loggingIn: false,
    user: null,
  },
  methods: {
    async onShow() {
      if (!auth.isLoggedIn()) {
        this.showSignedOut();
        return;
      }
      try {
        this.showUser(await auth.me());
      } catch (err) {
        if (!auth.isLoggedIn()) this.showSignedOut(); // a 401 cleared the token
      }
    },

    async onLogin() {
      this.setData({ loggingIn: true });
      try {
        this.showUser(await auth.login());
      } catch (err) {
        // toasted by the client
      } finally {
        this.setData({ loggingIn: false });
      }
    },

    onLogout() {
      auth.logout();
      this.showSignedOut();
    },

    openPayables() {
      wx.navigateTo({ url: '/pages/payables/payables' });
    },

    openLicences() {
      wx.navigateTo({ url: '/pages/licences/licences' });
    },

    openPayments() {
      wx.navigateTo({ url: '/pages/payments/payments' });
    },

    openAddresses() {
      wx.navigateTo({ url: '/pages/addresses/addresses' });
    },

    openAppointments() {
      wx.navigateTo({ url: '/pages/appointments/appointments' });
    },

    openMessages() {
      wx.navigateTo({ url: '/pages/messages/messages' });
    },

    // Binding (level 2) on the bind page, which comes back here when done.
    openBind() {
      wx.navigateTo({ url: level.stepUrl(2, 1, false) });
    },

    // 实名等级: L2 and up show the masked identity; below L3 a citizen is offered the next step of the walk.
    openLevelUp() {
      const { user } = this.data;
      wx.navigateTo({ url: level.stepUrl(3, user.level, user.taken) });
    },

    showUser(user) {
      const lvl = level.levelOf(user);
      const taken = Boolean(user.identity && user.identity.taken);
      this.setData({
        loggedIn: true,
        user: {
          ...user, roleLabel: roleLabel(user.role), level: lvl, levelLabel: level.label(lvl), taken,
          canLevelUp: user.role === 'citizen' && lvl < 3,
        },
      });
    },

    showSignedOut() {
      this.setData({ loggedIn: false, user: null });
    },
  },
});
