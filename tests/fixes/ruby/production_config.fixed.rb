Rails.application.configure do
  config.eager_load = true
  config.consider_all_requests_local = false
  config.action_dispatch.show_exceptions = false
  config.action_controller.allow_forgery_protection = true
  config.web_console.permissions = "127.0.0.1"
end
