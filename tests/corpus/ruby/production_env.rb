# A production-style environment file (config/environments/production.rb).
require "active_support/core_ext/integer/time"

Rails.application.configure do
  config.eager_load = true
  config.consider_all_requests_local = true # expect: rb-debug-enabled
  config.action_controller.allow_forgery_protection = false # expect: rb-csrf-disabled
  config.web_console.permissions = "0.0.0.0/0" # expect: rb-debug-enabled
  config.action_dispatch.show_exceptions = true # expect: rb-debug-enabled
  config.force_ssl = true
  config.log_level = :info # ok: rb-debug-enabled
end
