const stripe = require("stripe");

const config = {
  stripeKey: process.env.STRIPE_KEY,
};

module.exports = stripe(config.stripeKey);
