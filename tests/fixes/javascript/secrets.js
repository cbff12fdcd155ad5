const stripe = require("stripe");

const config = {
  stripeKey: "sk_live_4eC39HqLyjWDarjtT1zdp7dcQ2",
};

module.exports = stripe(config.stripeKey);
