// Pull-down refresh (下拉刷新) for a page that (re)reads its data in `load()`: the spinner stops whether the
// load succeeds or fails. One definition for every page that offers it.
module.exports = Behavior({
  methods: {
    async onPullDownRefresh() {
      try {
        await this.load();
      } finally {
        wx.stopPullDownRefresh();
      }
    },
  },
});
