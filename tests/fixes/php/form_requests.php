<?php

class UserController extends Controller
{
    public function store(StoreUserRequest $request)
    {
        $user = User::create($request->all());
        return $user;
    }

    public function update(UpdateProfileRequest $request, User $user)
    {
        $user->fill($request->all())->save();
        return $user;
    }

    public function import(Request $request)
    {
        return User::create($request->all());
    }
}
