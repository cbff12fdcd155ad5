<?php

class UserController extends Controller
{
    public function store(StoreUserRequest $request)
    {
        $user = User::create($request->validated());
        return $user;
    }

    public function update(UpdateProfileRequest $request, User $user)
    {
        $user->fill($request->validated())->save();
        return $user;
    }

    public function import(Request $request)
    {
        return User::create($request->all());
    }
}
