// 办事指南 of one service (?code=…). Answering a situation question re-requests the guide with the
// answers, so the server prunes the materials and adjusts the promised time limit.
const catalog = require('../../api/catalog');
const format = require('../../utils/format');

function present(guide) {
  const tags = [
    guide.id_only && '一证通办',
    guide.citywide && '全城通办',
    guide.appointment_required && '需预约',
    guide.face_required && '需人脸识别',
    `最多跑 ${guide.visits} 次`,
  ].filter(Boolean);
  return {
    code: guide.code,
    name: guide.name,
    kind: guide.kind,
    summary: guide.summary,
    department: guide.department,
    stars: format.stars(guide.online_level),
    channels: format.channelLabels(guide.channels),
    tags,
    promised: format.promisedDays(guide.time_limit.promised_days),
    legal: `法定 ${format.workingDays(guide.time_limit.legal_days)}`,
    fees: guide.fees.map((fee) => ({ item: fee.item, amount: format.yuan(fee.amount_fen), basis: fee.basis || '' })),
    feeTotal: format.feeTotal(guide.fees_total_fen),
    conditions: guide.conditions,
    legalBasis: guide.legal_basis,
    situations: guide.situations,
    materials: guide.materials,
    faqs: guide.faqs,
  };
}

Component({
  data: {
    guide: null,
    answers: {},
  },
  methods: {
    onLoad(query) {
      this.code = query.code;
      return this.load();
    },

    // Resolves true when the guide was (re)loaded; a failure has already been toasted by the client.
    async load(answers) {
      try {
        const guide = await catalog.guide(this.code, answers);
        this.setData({ guide: present(guide), answers: guide.answers || {} });
        return true;
      } catch (err) {
        return false;
      }
    },

    // 在线申请 with the situation answers, so the application asks for the same materials.
    apply() {
      const answers = encodeURIComponent(JSON.stringify(this.data.answers || {}));
      wx.navigateTo({ url: `/pages/apply/apply?service=${encodeURIComponent(this.code)}&answers=${answers}` });
    },

    async onAnswer(event) {
      const previous = this.data.answers;
      const answers = { ...previous, [event.currentTarget.dataset.key]: event.detail };
      this.setData({ answers });
      if (!(await this.load(answers))) this.setData({ answers: previous });
    },
  },
});
