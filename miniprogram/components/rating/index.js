// 好差评: five stars, tags (good ones for 4-5, bad ones for 1-3), an optional comment, one submit.
// Properties targetType ("application" | "chat" | "complaint" | "queue_ticket") and targetId say what is rated; on success it
// fires `rated` with the server's rating. A score of 2 or below tells the citizen a rectification was opened.
const ratings = require('../../api/ratings');

const LABELS = ['', '非常不满意', '不满意', '一般', '满意', '非常满意'];
const COMMENT_MAX = 300;

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    targetType: { type: String, value: '' },
    targetId: { type: String, value: '' },
  },
  data: {
    score: 0, stars: [1, 2, 3, 4, 5], label: '', tags: [], chosen: {}, comment: '',
    submitting: false, done: false, rectification: false, error: '',
  },
  methods: {
    pick(event) {
      const score = Number(event.currentTarget.dataset.score);
      const tags = score >= 4 ? ratings.TAGS.good : ratings.TAGS.bad;
      this.setData({ score, label: LABELS[score], tags, chosen: {}, error: '' });
    },

    toggleTag(event) {
      const { tag } = event.currentTarget.dataset;
      this.setData({ chosen: { ...this.data.chosen, [tag]: !this.data.chosen[tag] } });
    },

    onComment(event) {
      this.setData({ comment: String(event.detail.value || '').slice(0, COMMENT_MAX) });
    },

    async submit() {
      if (!this.data.score) {
        this.setData({ error: '请先选择评分' });
        return null;
      }
      if (this.data.submitting || this.data.done) return null;
      this.setData({ submitting: true, error: '' });
      try {
        const rating = await ratings.rate({
          target_type: this.data.targetType,
          target_id: String(this.data.targetId),
          score: this.data.score,
          tags: Object.keys(this.data.chosen).filter((t) => this.data.chosen[t]),
          comment: this.data.comment || null,
        }, { silent: true });
        this.setData({ done: true, submitting: false, rectification: Boolean(rating.rectification) });
        this.triggerEvent('rated', rating);
        return rating;
      } catch (err) {
        this.setData({ submitting: false, error: err.message, done: err.code === 'already_rated' });
        return null;
      }
    },
  },
});
