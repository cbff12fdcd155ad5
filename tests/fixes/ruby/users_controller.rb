class UsersController < ApplicationController
  def create
    @user = User.create(user_params)
    redirect_to @user
  end

  def update
    @user = User.find(params[:id])
    @user.update(params.require(:user).permit!)
    redirect_to @user
  end

  def import
    User.create(params.permit!)
  end

  private

  def user_params
    params.require(:user).permit(:name, :email)
  end
end
