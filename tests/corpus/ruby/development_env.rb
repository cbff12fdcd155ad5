# A development environment file: detailed errors and a local console are expected here.
require "active_support/core_ext/integer/time"

Rails.application.configure do
  config.enable_reloading = true
  config.eager_load = false
  config.consider_all_requests_local = true # ok: rb-debug-enabled
  config.web_console.permissions = "192.168.0.0/16" # ok: rb-debug-enabled
  config.action_controller.allow_forgery_protection = false # ok: rb-csrf-disabled
end
