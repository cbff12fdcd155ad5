# Shapes of real libraries (Rack, Sinatra, Rails) that rb-code-injection misread.
module Routing
  class Builder
    # A block handed on with `&`: Ruby code written in the program, not a string.
    def initialize(&block)
      instance_eval(&block) if block_given? # ok: rb-code-injection
    end

    def self.configure(base, &block)
      base.class_eval(&block) # ok: rb-code-injection
    end

    # A generated parser's actions: a single-quoted heredoc never interpolates.
    module_eval(<<'.,.,', 'parser.y', 16) # ok: rb-code-injection
      def _reduce_1(val, _values)
        Cat.new(val.first, val.last)
      end
.,.,

    # A heredoc without interpolation is as constant as a literal string.
    class_eval <<-RUBY, __FILE__, __LINE__ + 1 # ok: rb-code-injection
      def helpers
        @helpers ||= Module.new
      end
    RUBY

    # Two openers on one line: each body is judged on its own.
    module_eval(<<~A + <<~B) # expect: rb-code-injection
      def a; end
    A
      def #{params[:name]}; end
    B

    def define(name)
      class_eval <<-RUBY, __FILE__, __LINE__ + 1 # expect: rb-code-injection
        def #{name}; end
      RUBY
    end

    def run(source)
      instance_eval(source, "config.ru") # expect: rb-code-injection
    end
  end
end

# Rails' own definitions of the APIs that the mass-assignment and CSRF rules watch for.
module Parameters
  def permit(*filters)
    params = self.class.new
    filters.each { |filter| params[filter] = self[filter] }
    params.permit! # ok: rb-mass-assignment
  end

  def mark(params)
    params.permit! # ok: rb-mass-assignment
  end
end

module ForgeryProtection
  def skip_forgery_protection(options = {})
    skip_before_action :verify_authenticity_token, options # ok: rb-csrf-disabled
  end
end

class OrdersController < ApplicationController
  skip_forgery_protection # expect: rb-csrf-disabled

  def self.open_up(settings)
    skip_before_action :verify_authenticity_token # expect: rb-csrf-disabled
  end

  def update
    params.permit! # expect: rb-mass-assignment
  end
end
