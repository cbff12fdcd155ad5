Rails.application.configure do
  config.eager_load = true
  config.consider_all_requests_local = true
  config.action_dispatch.show_exceptions = true
  config.action_controller.allow_forgery_protection = false
  config.web_console.permissions = "0.0.0.0/0"
end
